using Quayside.Engine.Stacks;

namespace Quayside.E2E.Stacks;

/// <summary>
/// The three-service stack (web, worker ×2, store) started by <c>docker-compose up -d</c> in a temporary folder, as a
/// user would outside Quayside: the pages find it by its labels and edit its file in place. Its web service carries a
/// label whose value is markup, for the escaping tests.
/// </summary>
public sealed class InPlaceStack : IAsyncLifetime
{
    public const string Markup = "<img src=x onerror=alert(1)>";
    public const string Page = "hello-from-web";

    public string Name { get; } = LabStacks.UniqueName("inplace");
    public string Folder { get; } = Directory.CreateTempSubdirectory("quayside-e2e-stack-").FullName;
    public string File => Path.Combine(Folder, "docker-compose.yml");

    /// <summary>The stack's compose file: web's labels gain <c>quayside.note</c>, whose value is <see cref="Markup"/>.</summary>
    public static string Compose(string page = Page)
    {
        const string labels = "labels: {quayside.test: \"1\"}";
        var text = LabStacks.ThreeServices(page, workers: 2);
        var at = text.IndexOf(labels, StringComparison.Ordinal);
        return text[..at] + $"labels: {{quayside.test: \"1\", quayside.note: \"{Markup}\"}}" + text[(at + labels.Length)..];
    }

    public async Task InitializeAsync()
    {
        await System.IO.File.WriteAllTextAsync(File, Compose());
        var (code, output) = await LabStacks.ComposeAsync(Folder, "-p", Name, "up", "-d");
        if (code != 0)
        {
            await DisposeAsync();
            throw new InvalidOperationException($"docker-compose up failed ({code}): {output}");
        }
    }

    public async Task DisposeAsync()
    {
        await LabStacks.RemoveAsync(Name);
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>The host port the stack's web container publishes (a recreated container gets a new one).</summary>
    public static async Task<int> WebPortAsync(string project)
    {
        var ids = await DockerCommand.OkAsync("ps", "-q", "--filter", $"label={ComposeLabels.Project}={project}",
            "--filter", $"label={ComposeLabels.Service}=web");
        var mapping = await DockerCommand.OkAsync("port", ids.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0], "80/tcp");
        return int.Parse(mapping.Split('\n')[0].Trim().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
