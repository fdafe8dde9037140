using Quayside.Engine.Connection;
using Quayside.Engine.Files;
using Quayside.Engine.Images.Build;
using Quayside.Engine.Images.Transfer;

namespace Quayside.Web.Transfer;

public static class TransferServices
{
    /// <summary>Build, commit, save/load, export/import and the container file browser.</summary>
    public static IServiceCollection AddImageAndFileTransfer(this IServiceCollection services) => services
        .AddSingleton(sp => new ImageBuilder(sp.GetRequiredService<EngineClient>()))
        .AddSingleton<ImageTransfer>()
        .AddSingleton<ContainerFiles>()
        .AddSingleton(sp => UploadLimits.Resolve(sp.GetRequiredService<IConfiguration>()));
}
