using Quayside.Engine.Model;

namespace Quayside.Web.Hosting;

/// <summary>Keeps the engine's <see cref="HostModel"/> connected for the life of the app.</summary>
public sealed class HostModelRunner(HostModel model) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => model.RunAsync(stoppingToken), stoppingToken);
}
