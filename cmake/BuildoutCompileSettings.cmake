# Per-target compile settings (warnings, sanitizers), applied with buildout_compile_settings(target).

if(BUILDOUT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(buildout_compile_settings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
                                           -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
                                           # GCC 12 reports false -Wrestrict positives at -O3 (GCC bug 105329);
                                           # clang (preset fuzz) has no such option
                                           $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(BUILDOUT_STRICT_WARNINGS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
