#!/usr/bin/env bash
# Starts ImageLabelsLive on this machine, offline: ./run.sh [--port N] [--fresh] [--data DIR]
# Installs what is missing, builds, starts the local host and its sidecars, and prints the URLs.
set -euo pipefail
cd "$(dirname "$0")"
source infra/local/setup.sh
ill_setup_run
ill_say "building the local host"
dotnet build infra/local/ImageLabelsLive.LocalHost -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet infra/local/ImageLabelsLive.LocalHost/bin/Release/net10.0/ImageLabelsLive.LocalHost.dll "$@"
