#!/usr/bin/env bash
# Checks the README's claim that each stand-in in functions/StandIns can be swapped for the real package:
# in a scratch copy of the repository (never this one), replaces each stand-in project's sources with the real
# package's, builds, and runs the functions and local-host suites. Not run by ./test.sh: it needs the real sources,
# which this repository does not carry.
#
#   tests/swap-check/swap-check.sh LAMBDA_SRC [SDK_SRC]
#
# LAMBDA_SRC  a clone (work tree or bare) of github.com/aws/aws-lambda-dotnet; the tag in LAMBDA_REF
#             (default release_2026-07-22) is read with `git archive`.
# SDK_SRC     optional: a clone of github.com/aws/aws-sdk-net (v4); its generated code for Rekognition, SNS and
#             ApiGatewayManagementApi (sdk/src/Services/<Service>/Generated, at SDK_REF, default HEAD) replaces the
#             three AWSSDK stand-ins, built against the AWSSDK.Core version Directory.Packages.props pins.
#             A plain folder laid out the same way (sdk/src/Services/<Service>/Generated/…) is copied as it is:
#             that is how the generated files can be brought here one by one when the repository is too large to
#             clone. Without SDK_SRC those three stand-ins stay, and the script says so.
# SWAP_DIR    where the scratch copy goes (default /tmp/ill-swap-check, emptied first): the copy is SWAP_DIR/repo,
#             with SWAP_DIR/shared linked to this repository's ../shared, which the suites read.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
lambda_src="${1:?usage: swap-check.sh LAMBDA_SRC [SDK_SRC]}"
sdk_src="${2:-}"
lambda_ref="${LAMBDA_REF:-release_2026-07-22}"
sdk_ref="${SDK_REF:-HEAD}"
scratch_root="${SWAP_DIR:-/tmp/ill-swap-check}"
scratch="$scratch_root/repo"
export MSBUILDDISABLENODEREUSE=1

rm -rf "$scratch_root"; mkdir -p "$scratch"
[ -d "$here/../shared" ] && ln -s "$(cd "$here/../shared" && pwd)" "$scratch_root/shared"
git -C "$here" archive HEAD | tar -x -C "$scratch"
# The sidecars' node_modules (dynalite, maildev, the detector) are installed, not committed: reuse them.
[ -d "$here/infra/local/sidecars/node_modules" ] && ln -s "$here/infra/local/sidecars/node_modules" "$scratch/infra/local/sidecars/node_modules"

# The packages' own build: their sources predate nullable annotations and this repository's analyzers.
package_props='<PropertyGroup><Nullable>disable</Nullable><TreatWarningsAsErrors>false</TreatWarningsAsErrors><EnableNETAnalyzers>false</EnableNETAnalyzers><EnforceCodeStyleInBuild>false</EnforceCodeStyleInBuild><NoWarn>$(NoWarn);CS1591;CS0618;SYSLIB0051</NoWarn></PropertyGroup>'

# swap_lambda PACKAGE [PROJECT REFERENCE...]: the stand-in's .cs files out, the package's in (not its AssemblyInfo).
swap_lambda() {
  local package="$1"; shift
  local dir="$scratch/functions/StandIns/$package"
  mkdir -p "$dir"
  find "$dir" -name '*.cs' -delete
  # (A partial clone may warn about blobs outside this folder; the folder itself must come out whole.)
  git -C "$lambda_src" archive "$lambda_ref" "Libraries/src/$package" 2>/dev/null | tar -x -C "$dir" --strip-components=3
  rm -rf "$dir/Properties"
  local references=""
  for reference in "$@"; do references+="<ProjectReference Include=\"..\\$reference\\$reference.csproj\" />"; done
  cat > "$dir/$package.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  $package_props
  <ItemGroup>$references</ItemGroup>
</Project>
CSPROJ
  echo "swapped in $package from aws-lambda-dotnet $lambda_ref: $(find "$dir" -name '*.cs' | wc -l) files"
}

swap_lambda Amazon.Lambda.APIGatewayEvents
swap_lambda Amazon.Lambda.S3Events
swap_lambda Amazon.Lambda.DynamoDBEvents
swap_lambda Amazon.Lambda.SNSEvents
swap_lambda Amazon.Lambda.Core
swap_lambda Amazon.Lambda.Serialization.SystemTextJson Amazon.Lambda.Core

# swap_sdk PACKAGE SERVICE: the AWSSDK stand-in's sources out, the SDK's generated service code in.
swap_sdk() {
  local package="$1" service="$2"
  local dir="$scratch/functions/StandIns/$package"
  find "$dir" -name '*.cs' -delete
  if git -C "$sdk_src" rev-parse --git-dir >/dev/null 2>&1; then
    git -C "$sdk_src" archive "$sdk_ref" "sdk/src/Services/$service/Generated" | tar -x -C "$dir" --strip-components=5
  else
    cp -r "$sdk_src/sdk/src/Services/$service/Generated/." "$dir/"
  fi
  # The constants AWSSDK.<Service>.NetStandard.csproj builds its net8.0 target with.
  cat > "$dir/$package.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  $package_props
  <PropertyGroup><AllowUnsafeBlocks>true</AllowUnsafeBlocks><ImplicitUsings>disable</ImplicitUsings><AnalysisLevel>none</AnalysisLevel>
    <DefineConstants>\$(DefineConstants);NETSTANDARD;AWS_ASYNC_API;AWS_ASYNC_ENUMERABLES_API</DefineConstants></PropertyGroup>
  <ItemGroup><PackageReference Include="AWSSDK.Core" /></ItemGroup>
</Project>
CSPROJ
  echo "swapped in $package from $(git -C "$sdk_src" rev-parse --git-dir >/dev/null 2>&1 && echo "aws-sdk-net $sdk_ref" || echo "$sdk_src"): $(find "$dir" -name '*.cs' | wc -l) files"
}
if [ -n "$sdk_src" ]; then
  swap_sdk AWSSDK.Rekognition Rekognition
  swap_sdk AWSSDK.SimpleNotificationService SimpleNotificationService
  swap_sdk AWSSDK.ApiGatewayManagementApi ApiGatewayManagementApi
else
  echo "no aws-sdk-net clone given: the AWSSDK.Rekognition, AWSSDK.SimpleNotificationService and AWSSDK.ApiGatewayManagementApi stand-ins stay"
fi

cd "$scratch"
status=0
# The moto suite drives the production clients against moto_server (it skips, counted, where moto is absent).
for suite in tests/ImageLabelsLive.Functions.Tests tests/ImageLabelsLive.LocalHost.Tests tests/ImageLabelsLive.Aws.MotoTests; do
  dotnet build "$suite" -c Release --nologo -v quiet -clp:ErrorsOnly || { echo "BUILD FAILED: $suite"; exit 1; }
  dotnet test "$suite" -c Release --no-build --nologo || status=1
done
echo "swap check: $([ "$status" -eq 0 ] && echo passed || echo FAILED) (scratch copy: $scratch)"
exit "$status"
