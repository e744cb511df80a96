# presskg_module(NAME [DEPS target...]) — one static library per stage folder
# extractor/src/NAME/*.cc, linked as presskg_NAME. A folder without sources yet
# becomes an INTERFACE library so the dependency graph is stable from day one.
function(presskg_module name)
  cmake_parse_arguments(M "" "" "DEPS" ${ARGN})
  file(GLOB _srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/extractor/src/${name}/*.cc)
  if(_srcs)
    add_library(presskg_${name} STATIC ${_srcs})
    target_include_directories(presskg_${name}
      PUBLIC ${PROJECT_SOURCE_DIR}/extractor/include
      PRIVATE ${PROJECT_SOURCE_DIR}/extractor/src)
    target_link_libraries(presskg_${name} PUBLIC ${M_DEPS})
    target_compile_definitions(presskg_${name} PRIVATE
      PRESSKG_VERSION="${PROJECT_VERSION}"
      PRESSKG_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    if(PRESSKG_UNITY)
      set_target_properties(presskg_${name} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
    endif()
  else()
    add_library(presskg_${name} INTERFACE)
    target_include_directories(presskg_${name} INTERFACE ${PROJECT_SOURCE_DIR}/extractor/include)
    target_link_libraries(presskg_${name} INTERFACE ${M_DEPS})
  endif()
endfunction()
