// SlaParams as named values for key/value storage (table sla_param,
// docs/formats/store-schema.md). Names are stable: "dns.cycle_seconds",
// "rdap.rollweek_sla_minutes", "unavailability_limit", ... A name absent from
// storage keeps ICANN's default, so adding a parameter needs no migration.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"
#include "engine/sla_params.h"

namespace tldmon::store {

struct SlaParamValue {
  std::string name;
  std::variant<std::int64_t, double> value;
};

// Every parameter of `params`, in a fixed order.
std::vector<SlaParamValue> FlattenSlaParams(const engine::SlaParams& params);

// Sets one named parameter. Unknown names are NotFound (the caller decides
// whether to ignore them); an integer parameter given a non-integral or
// out-of-range value is InvalidArgument. Integers are accepted for real
// parameters.
Status ApplySlaParam(engine::SlaParams& params, std::string_view name,
                     const std::variant<std::int64_t, double>& value);

}  // namespace tldmon::store
