# syntax=docker/dockerfile:1
#
# RelationshipSupport.Web for production: built with the .NET SDK (plus Node and npm for the NHS.UK
# front-end package), run on the ASP.NET Core runtime as a non-root user on port 8080.
#
#   docker build -t relationship-support .
#   docker compose up --build        (SQL Server, the app and a mail catcher: see docker-compose.yml)

# ---------------------------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build

# The web project's build runs `npm ci` (its NpmRestore target) to fetch nhsuk-frontend, then copies
# the compiled CSS, JavaScript and images into wwwroot/lib. The package has no install scripts and
# no dependencies, so the distribution's Node is enough, even where it is older than the Node 20
# used for development.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src

# global.json is deliberately not copied: it pins the SDK of a developer's machine, and the image
# tag above already fixes the SDK (10.0, latest feature band).
COPY .editorconfig Directory.Build.props Directory.Packages.props ./

# Restore from the project files alone, so this layer is reused until a dependency changes.
COPY src/RelationshipSupport.Domain/RelationshipSupport.Domain.csproj src/RelationshipSupport.Domain/
COPY src/RelationshipSupport.Application/RelationshipSupport.Application.csproj src/RelationshipSupport.Application/
COPY src/RelationshipSupport.Infrastructure/RelationshipSupport.Infrastructure.csproj src/RelationshipSupport.Infrastructure/
COPY src/RelationshipSupport.Web/RelationshipSupport.Web.csproj src/RelationshipSupport.Web/
RUN dotnet restore src/RelationshipSupport.Web/RelationshipSupport.Web.csproj

# Same idea for the npm packages; the build's NpmRestore target then finds node_modules up to date.
COPY src/RelationshipSupport.Web/package.json src/RelationshipSupport.Web/package-lock.json src/RelationshipSupport.Web/
RUN cd src/RelationshipSupport.Web && npm ci --no-audit --no-fund --loglevel=error

COPY src/ src/
RUN dotnet publish src/RelationshipSupport.Web/RelationshipSupport.Web.csproj \
        --configuration Release --no-restore --output /app -p:UseAppHost=false

# ---------------------------------------------------------------------------------------------
# Runtime
# ---------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# App_Data is the only place the app writes to disk: the .eml pickup folder when no SMTP host is
# configured (and the SQLite file, if someone runs this image on SQLite). Everything else stays
# owned by root, so the application cannot change its own code.
RUN mkdir -p /app/App_Data && chown "$APP_UID" /app/App_Data

COPY --from=build /app ./

# ASPNETCORE_HTTP_PORTS is emptied so that ASPNETCORE_URLS alone decides the binding (no warning
# about one overriding the other). TLS is terminated by the reverse proxy or load balancer in front.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS="" \
    ASPNETCORE_URLS=http://+:8080

# APP_UID (1654, the "app" user) is defined by the .NET base images.
USER $APP_UID
EXPOSE 8080

# The image has no curl or wget: bash's /dev/tcp sends a plain HTTP request to /health/live
# (process up; it does not touch the database) and the first line of the answer must say 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Arguments after the image name are passed to the app, e.g. `create-admin --email … --name …` or `migrate`.
ENTRYPOINT ["dotnet", "RelationshipSupport.Web.dll"]
