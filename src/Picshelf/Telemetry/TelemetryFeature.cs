using System.Reflection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Picshelf.Telemetry;

/// <summary>
/// Metrics and traces through OpenTelemetry. Chosen over prometheus-net because the instruments are .NET's own
/// (System.Diagnostics.Metrics, which ASP.NET Core already reports request durations by route and status on), so the
/// same numbers go to a Prometheus scrape and to an OTLP collector, and traces come from the same library.
/// </summary>
public static class TelemetryFeature
{
    /// <summary>The instruments every feature counts on; the server and the command-line verbs alike.</summary>
    public static IServiceCollection AddPicshelfMetrics(this IServiceCollection services) => services.AddSingleton<PicshelfMetrics>();

    /// <summary>The exporters the <c>Telemetry</c> section asks for; the server only.</summary>
    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.OtlpProtocol is not ("grpc" or "http"))
        {
            throw new InvalidOperationException($"Telemetry:OtlpProtocol is '{options.OtlpProtocol}'; it must be grpc or http");
        }
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        if (!options.Metrics && options.OtlpEndpoint is null)
        {
            return services;
        }
        var version = typeof(TelemetryFeature).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("picshelf", serviceVersion: version));
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(PicshelfMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        }
        if (options.OtlpEndpoint is { } endpoint)
        {
            var http = options.OtlpProtocol == "http";
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    // Set in code, the http/protobuf address is the whole URL, which the collector takes traces on.
                    otlp.Endpoint = http ? new Uri(endpoint, "v1/traces") : endpoint;
                }));
        }
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> when <c>Telemetry:Metrics</c> is on; with <c>Telemetry:MetricsPort</c>, only on connections to that
    /// port (the connection's, not the Host header's, which any caller may write).
    /// </summary>
    public static IApplicationBuilder UseMetrics(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        return options.Metrics
            ? app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == "/metrics"
                && (options.MetricsPort is not { } port || context.Connection.LocalPort == port))
            : app;
    }
}
