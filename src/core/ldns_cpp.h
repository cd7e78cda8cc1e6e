// <ldns/ldns.h> for C++. ldns/common.h defines the macros `bool`, `true` and
// `false` unless <stdbool.h> came first, and they break the C++ compiled
// after it: a lambda's `return false;` deduces int (fmt's float formatting
// fails to compile), `bool ::std::...` stops parsing (nlohmann/json). A file
// compiled alone got away with it by including ldns last; a unity build
// (TLDMON_UNITY) does not. Include ldns through this header only.
#pragma once

// <stdbool.h> first: it sets __bool_true_false_are_defined.
// clang-format off
#include <stdbool.h>
#include <ldns/ldns.h>
// clang-format on
