# /openapi.json is docs/openapi.json, compiled into tldmon_mosapi (like the store's
# migrations): a generated fragment holds the file as a raw string literal, and
# the build regenerates it whenever the file changes. The unit tests get the
# file's path to check that the embedded copy is current.
set(_openapi_json ${PROJECT_SOURCE_DIR}/docs/openapi.json)
set(_openapi_generated_dir ${CMAKE_CURRENT_BINARY_DIR}/generated)
set(_openapi_inc ${_openapi_generated_dir}/mosapi/openapi_json.inc)
set(_openapi_mtime_inc ${_openapi_generated_dir}/mosapi/openapi_mtime.inc)
add_custom_command(
  OUTPUT ${_openapi_inc} ${_openapi_mtime_inc}
  COMMAND ${CMAKE_COMMAND} -DIN=${_openapi_json} -DOUT=${_openapi_inc}
          -DMTIME_OUT=${_openapi_mtime_inc}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/openapi_embed.cmake
  DEPENDS ${_openapi_json} ${CMAKE_CURRENT_SOURCE_DIR}/openapi_embed.cmake
  COMMENT "Embedding docs/openapi.json"
  VERBATIM)
target_sources(tldmon_mosapi PRIVATE ${_openapi_inc} ${_openapi_mtime_inc})
target_include_directories(tldmon_mosapi PRIVATE ${_openapi_generated_dir})
if(TARGET tldmon_mosapi_tests)
  target_compile_definitions(tldmon_mosapi_tests PRIVATE
    TLDMON_OPENAPI_JSON="${_openapi_json}"
    TLDMON_CONFORMANCE_DIR="${PROJECT_SOURCE_DIR}/tests/conformance")
endif()
