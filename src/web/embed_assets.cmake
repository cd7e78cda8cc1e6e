# Writes OUT: a C++ fragment holding every file under DIR (the dashboard's
# static assets) as a byte array, and the table web_assets.cc reads. Run by
# the build (cmake -P) whenever an asset changes, so `tldmon serve` needs no
# files beside the binary and no Node at run time (docs/dashboard.md).
file(GLOB_RECURSE _files RELATIVE ${DIR} ${DIR}/*)
list(SORT _files)
set(_body "// Generated from src/web/assets by src/web/embed_assets.cmake. Do not edit.\n")
set(_table "")
set(_n 0)
foreach(_f IN LISTS _files)
  if(_f MATCHES "(^|/)(README\\.md|[^/]*\\.LICENSE)$")
    continue()  # documentation of the vendored files, not served
  endif()
  file(READ ${DIR}/${_f} _hex HEX)
  string(LENGTH "${_hex}" _len)
  if(_len EQUAL 0)
    message(FATAL_ERROR "empty asset ${_f}")
  endif()
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
  string(APPEND _body "static const unsigned char kAsset${_n}[] = {${_bytes}};\n")
  string(APPEND _table "    {\"${_f}\", kAsset${_n}, sizeof kAsset${_n}},\n")
  math(EXPR _n "${_n} + 1")
endforeach()
string(APPEND _body "static const EmbeddedFile kEmbeddedFiles[] = {\n${_table}};\n")
file(WRITE ${OUT}.tmp "${_body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
