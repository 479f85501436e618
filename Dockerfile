# DxTracker container image: CSS built with node, the app published with the .NET SDK, run as a non-root user.

FROM node:22-bookworm-slim AS css
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --no-save
COPY src/DxTracker.Web/Styles src/DxTracker.Web/Styles
COPY src/DxTracker.Web/Components src/DxTracker.Web/Components
COPY src/DxTracker.Web/Features src/DxTracker.Web/Features
COPY src/DxTracker.Web/Reporting src/DxTracker.Web/Reporting
RUN npx tailwindcss -i src/DxTracker.Web/Styles/app.css -o src/DxTracker.Web/wwwroot/css/app.css --minify \
 && mkdir -p src/DxTracker.Web/wwwroot/css/files \
 && cp node_modules/@fontsource/noto-sans-jp/files/noto-sans-jp-*-400-normal.woff2 \
       node_modules/@fontsource/noto-sans-jp/files/noto-sans-jp-*-700-normal.woff2 \
       src/DxTracker.Web/wwwroot/css/files/

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/DxTracker.Web/DxTracker.Web.csproj src/DxTracker.Web/
COPY src/DxTracker.Web/Build src/DxTracker.Web/Build
RUN dotnet restore src/DxTracker.Web
COPY src src
COPY --from=css /src/src/DxTracker.Web/wwwroot/css src/DxTracker.Web/wwwroot/css
RUN dotnet publish src/DxTracker.Web -c Release -o /app --no-restore -p:SkipCssBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    DataProtection__KeysPath=/data/keys \
    DOTNET_gcServer=0
RUN mkdir -p /data/keys && chown -R $APP_UID /data
VOLUME /data
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=6s --start-period=30s --retries=3 CMD ["dotnet", "DxTracker.Web.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "DxTracker.Web.dll"]
