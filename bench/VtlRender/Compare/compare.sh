#!/usr/bin/env bash
# Before/after comparison of VTL rendering, alternating in one run (issue 3).
# Builds Compare/Program.cs.txt twice: against Lakegate.Core at BASE (default origin of this branch,
# `git merge-base HEAD main`) and against the working tree, then runs them alternately ROUNDS times.
# Usage: bench/VtlRender/Compare/compare.sh [BASE]   Knobs: ROUNDS=3 N=200000
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$ROOT"
BASE=${1:-$(git merge-base HEAD main)}
ROUNDS=${ROUNDS:-3}
N=${N:-200000}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/vtl-compare.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

mkdir -p "$TMP/base-src" "$TMP/before" "$TMP/after"
git archive "$BASE" src/Lakegate.Core Directory.Build.props Directory.Packages.props global.json .editorconfig | tar -x -C "$TMP/base-src"
cp bench/VtlRender/Compare/Program.cs.txt "$TMP/Program.cs"
project() { # dir core-csproj define
    cat >"$1/Harness.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <DefineConstants>\$(DefineConstants);$3</DefineConstants>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../Program.cs" />
    <ProjectReference Include="$2" />
  </ItemGroup>
</Project>
XML
    dotnet build "$1/Harness.csproj" -c Release --nologo -v q >"$1/build.log" 2>&1 || { tail -30 "$1/build.log"; exit 1; }
}
project "$TMP/before" "$TMP/base-src/src/Lakegate.Core/Lakegate.Core.csproj" BEFORE
project "$TMP/after" "$ROOT/src/Lakegate.Core/Lakegate.Core.csproj" AFTER
echo "base $(git rev-parse --short "$BASE"), working tree $(git rev-parse --short HEAD); load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= ROUNDS; i++)); do
    echo "-- round $i"
    echo -n "before "; "$TMP/before/bin/Release/net10.0/Harness" string "$N"
    echo -n "after  "; "$TMP/after/bin/Release/net10.0/Harness" string "$N"
    echo -n "after  "; "$TMP/after/bin/Release/net10.0/Harness" buffer "$N"
    echo -n "before "; "$TMP/before/bin/Release/net10.0/Harness" string-perrequest "$N"
    echo -n "after  "; "$TMP/after/bin/Release/net10.0/Harness" buffer-perrequest "$N"
done
