namespace Picshelf.Telemetry;

/// <summary>The <c>Telemetry</c> section: what the server exports about itself. Everything is off by default.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Serves <c>/metrics</c> in the Prometheus text format.</summary>
    public bool Metrics { get; set; }

    /// <summary>
    /// When set, <c>/metrics</c> answers only on connections to this port, which the operator adds to the server's
    /// addresses (<c>--urls "http://0.0.0.0:3000;http://127.0.0.1:9464"</c>), so the public port never shows it.
    /// </summary>
    public int? MetricsPort { get; set; }

    /// <summary>An OpenTelemetry collector's address; when set, every request's trace is sent there over OTLP.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (the collector's port 4317) or <c>http</c> (http/protobuf, port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
