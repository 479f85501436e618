#!/usr/bin/env bash
# Adds an EF Core migration: scripts/new-migration.sh NAME
# Builds the web project with the design-time assembly (see src/DxTracker.Web/Build/EfDesign.targets),
# then runs dotnet-ef against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/new-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet build src/DxTracker.Web -p:EfDesign=true --nologo -v q
ConnectionStrings__DxTracker="Host=127.0.0.1;Database=design_time" \
  dotnet ef migrations add "$name" --project src/DxTracker.Web --startup-project src/DxTracker.Web \
  --output-dir Data/Migrations --no-build --msbuildprojectextensionspath src/DxTracker.Web/obj \
  --configuration Debug -- --design-time
