# Writes the build's identity (the source commit and the compiler) to OUT,
# run at every build so that the commit a record names is never stale. The
# file is rewritten only when its content changes, so an unchanged commit
# rebuilds nothing. Outside a git checkout of SRC the commit is "unknown".
# Usage: cmake -DSRC=dir -DOUT=file -DCOMPILER="GNU 12.2.0" -P build_id.cmake
set(commit "unknown")
find_program(GIT git)
if(GIT)
  execute_process(COMMAND ${GIT} -C "${SRC}" rev-parse --show-toplevel
                  OUTPUT_VARIABLE top RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(rc EQUAL 0)
    get_filename_component(top "${top}" REALPATH)
    get_filename_component(src "${SRC}" REALPATH)
  endif()
  # Only the source tree's own checkout: a tarball unpacked inside another
  # repository must not borrow that repository's commit.
  if(rc EQUAL 0 AND top STREQUAL src)
    execute_process(COMMAND ${GIT} -C "${SRC}" describe --tags --always --dirty --abbrev=12
                    OUTPUT_VARIABLE described RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(rc EQUAL 0 AND NOT described STREQUAL "")
      set(commit "${described}")
    endif()
  endif()
endif()
set(content "// Generated at build time by cmake/build_id.cmake: do not edit.\n#pragma once\n#define ASSAY_COMMIT \"${commit}\"\n#define ASSAY_COMPILER \"${COMPILER}\"\n")
set(old "")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL content)
  file(WRITE "${OUT}" "${content}")
endif()
