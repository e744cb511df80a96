// --metadata FILE (extract, eval, explain): release metadata sidecars, loaded once per run.
#include <iostream>

#include "cli/cli.h"
#include "presskg/sources.h"

namespace presskg::cli {

bool LoadMetadataOptions(const Args& args, const char* command, SourceOptions* options) {
  if (!args.Has("--metadata")) return true;
  auto merged = std::make_shared<MetadataIndex>();
  for (const std::string& path : args.GetAll("--metadata")) {
    Result<MetadataIndex> md = LoadMetadata(path);
    if (!md.ok()) {
      std::cerr << "presskg " << command << ": --metadata: " << md.status().ToString() << "\n";
      return false;
    }
    merged->Merge(*md);
  }
  options->metadata = std::move(merged);
  return true;
}

}  // namespace presskg::cli
