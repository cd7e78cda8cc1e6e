# Writes OUT: a C++ raw string literal holding the file IN (docs/openapi.json),
# so the binary serves /openapi.json without reading the source tree. Run by
# the build (cmake -P), see openapi.cmake.
file(READ ${IN} _text)
string(FIND "${_text}" ")tldmon_openapi\"" _bad)
if(NOT _bad EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )tldmon_openapi\"")
endif()
set(_body "// Generated from docs/openapi.json by src/mosapi/openapi_embed.cmake. Do not edit.\n")
string(APPEND _body "R\"tldmon_openapi(${_text})tldmon_openapi\"\n")
file(WRITE ${OUT}.tmp "${_body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
