using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Picshelf.Tests.Infrastructure;

/// <summary>A real SMTP server on loopback, in process, that keeps every message it is given.</summary>
public sealed class SmtpSink : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Store store = new();
    private Task? running;

    public int Port { get; } = PicshelfProcess.FreePort();

    public IReadOnlyCollection<MimeMessage> Messages => store.Messages;

    public Task InitializeAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
        return Task.CompletedTask;
    }

    public async Task<MimeMessage> WaitForMessageToAsync(string address)
    {
        for (var i = 0; i < 100; i++)
        {
            if (store.Messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address)) is { } message)
            {
                return message;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail to {address} arrived");
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
        }
        Dispose();
    }

    public void Dispose() => stop.Dispose();

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
