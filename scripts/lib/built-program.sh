# Sourced by the CLI wrappers (./chaos, ./localcluster, bench/recovery): builds a .NET program only when a
# source it could depend on changed since its last successful build, so a typed command answers at once.
#   build_if_changed NAME PROJECT_DIR CONFIGURATION
# "Changed" is judged against a stamp written after each successful build (not the dll: MSBuild leaves a dll
# untouched when only another project changed): any .cs, .csproj, .props, .targets or .json under src/ or
# bench/ (bin/ and obj/ excluded), Directory.*.props or global.json newer than the stamp triggers `dotnet build`;
# so does a folder there whose entries changed (a deleted or renamed source).
build_if_changed() {
  local name=$1 project=$2 configuration=$3
  local repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local stamp="$repo/$project/obj/wrapper-$configuration.stamp"
  if [ -f "$stamp" ] && [ -z "$(find "$repo/src" "$repo/bench" "$repo/global.json" "$repo"/Directory.*.props \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o \
      \( -type d -o -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' \) \) \
      -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  local started build_log
  started="$(mktemp)"
  if ! build_log=$(dotnet build "$repo/$project" -c "$configuration" -nologo -v q -clp:NoSummary 2>&1); then
    rm -f "$started"
    grep -E 'error' <<<"$build_log" | sort -u | head -n 20 >&2
    echo "$name: dotnet build $project failed" >&2
    return 1
  fi
  # The stamp takes the time the build started: a source saved during the build is seen next time.
  mv "$started" "$stamp"
}
