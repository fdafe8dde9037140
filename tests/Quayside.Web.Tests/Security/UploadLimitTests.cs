using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Quayside.TestSupport;

namespace Quayside.Web.Tests.Security;

/// <summary>
/// Uploads over their limit (set small here), announced or chunked, and archives that unpack past it: each is refused
/// with 413 and a sentence naming the limit and its setting, and no spooled file is left behind, also when the client
/// gives up half-way.
/// </summary>
public sealed class UploadLimitTests(UploadLimitTests.SmallLimits lab) : IClassFixture<UploadLimitTests.SmallLimits>
{
    private const int Limit = 64 * 1024;
    private const int ImageLimit = 128 * 1024;
    private const string TestLabels = "{\"quayside.test\":\"1\"}";

    public sealed class SmallLimits : IAsyncLifetime
    {
        public string Spool { get; } = Path.Combine(Path.GetTempPath(), "qt-spool-" + Guid.NewGuid().ToString("N")[..8]);
        public QuaysideFactory App { get; }
        public HttpClient Client { get; private set; } = default!;

        public SmallLimits() => App = new QuaysideFactory(settings: new Dictionary<string, string>
        {
            ["QUAYSIDE_MAX_UPLOAD"] = "64KiB",
            ["QUAYSIDE_MAX_IMAGE_UPLOAD"] = "128KiB",
            ["QUAYSIDE_UPLOAD_TEMP"] = Spool,
        });

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(Spool);
            Client = await App.CreateLoggedInClientAsync();
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            Directory.Delete(Spool, recursive: true);
        }
    }

    private HttpClient Client => lab.Client;

    private static string BuildUrl(string tag) =>
        $"/api/images/build?t={Uri.EscapeDataString(tag)}&labels={Uri.EscapeDataString(TestLabels)}";

    private static async Task AssertTooLargeAsync(HttpResponseMessage response, string size, string setting, string words = "is larger than")
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var title = json.RootElement.GetProperty("title").GetString()!;
        Assert.Contains($"{words} {size}", title);
        Assert.Contains(setting, title);
        Assert.EndsWith(".", title);
    }

    /// <summary>No spooled upload is left in the spool folder (the app removes them as the request ends).</summary>
    private async Task AssertSpoolEmptyAsync()
    {
        var empty = await EngineWait.UntilAsync(() => !Directory.EnumerateFileSystemEntries(lab.Spool).Any(), TimeSpan.FromSeconds(10));
        Assert.True(empty, "left in the spool folder: " + string.Join(", ", Directory.EnumerateFileSystemEntries(lab.Spool)));
    }

    /// <summary>A body with no Content-Length (sent chunked), as a client streaming a file it has not measured sends it.</summary>
    private static StreamContent Chunked(byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new StreamContent(new ForwardOnlyStream(new MemoryStream(bytes)));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        System.Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content, level) in entries)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        return memory.ToArray();
    }

    private static byte[] Tar(bool gzip, params (string Name, byte[] Content)[] entries)
    {
        // MemoryStream.ToArray works after the stream is closed.
        var memory = new MemoryStream();
        using (Stream target = gzip ? new GZipStream(memory, CompressionLevel.SmallestSize) : memory)
        using (var tar = new TarWriter(target, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        return memory.ToArray();
    }

    private static readonly byte[] Dockerfile = Encoding.UTF8.GetBytes($"FROM {LabContainers.BusyboxImage}\nCOPY . /ctx/\n");

    [Fact]
    public async Task An_image_load_announcing_more_than_its_limit_is_refused_with_413_naming_the_setting()
    {
        var response = await Client.PostAsync("/api/images/load", new ByteArrayContent(Random(ImageLimit + 1)));
        await AssertTooLargeAsync(response, "128 KiB", "QUAYSIDE_MAX_IMAGE_UPLOAD");
    }

    [Fact]
    public async Task A_chunked_image_load_over_its_limit_is_refused_with_413_in_words()
    {
        var response = await Client.PostAsync("/api/images/load", Chunked(Tar(false, ("layer.tar", Random(3 * ImageLimit))), "application/x-tar"));
        await AssertTooLargeAsync(response, "128 KiB", "QUAYSIDE_MAX_IMAGE_UPLOAD");
    }

    [Fact]
    public async Task A_chunked_image_import_over_its_limit_is_refused_with_413_in_words()
    {
        var response = await Client.PostAsync("/api/images/import?reference=qt-sec-import:over", Chunked(Tar(false, ("big", Random(3 * ImageLimit))), "application/x-tar"));
        await AssertTooLargeAsync(response, "128 KiB", "QUAYSIDE_MAX_IMAGE_UPLOAD");
    }

    [Fact]
    public async Task A_chunked_zip_context_over_the_limit_is_refused_with_413_and_its_spool_file_removed()
    {
        var zip = Zip(("Dockerfile", Dockerfile, CompressionLevel.NoCompression), ("noise", Random(3 * Limit), CompressionLevel.NoCompression));
        var response = await Client.PostAsync(BuildUrl("qt-sec-up:zip-over"), Chunked(zip, "application/zip"));
        await AssertTooLargeAsync(response, "64 KiB", "QUAYSIDE_MAX_UPLOAD");
        await AssertSpoolEmptyAsync();
    }

    [Fact]
    public async Task A_zip_bomb_under_the_limit_that_unpacks_past_it_is_refused_with_413_and_its_spool_file_removed()
    {
        var bomb = Zip(("Dockerfile", Dockerfile, CompressionLevel.SmallestSize), ("zeros", new byte[64 * Limit], CompressionLevel.SmallestSize));
        Assert.True(bomb.Length < Limit, $"the bomb is {bomb.Length} bytes");

        var response = await Client.PostAsync(BuildUrl("qt-sec-up:zip-bomb"), new ByteArrayContent(bomb));
        await AssertTooLargeAsync(response, "64 KiB", "QUAYSIDE_MAX_UPLOAD", words: "expands to more than");
        await AssertSpoolEmptyAsync();
    }

    [Fact]
    public async Task A_gzipped_tar_that_unpacks_past_the_limit_is_refused_with_413()
    {
        var bomb = Tar(true, ("Dockerfile", Dockerfile), ("zeros", new byte[64 * Limit]));
        Assert.True(bomb.Length < Limit, $"the bomb is {bomb.Length} bytes");

        var form = new MultipartFormDataContent { { new ByteArrayContent(bomb), "context", "context.tar.gz" } };
        var response = await Client.PostAsync(BuildUrl("qt-sec-up:tgz-bomb"), form);
        await AssertTooLargeAsync(response, "64 KiB", "QUAYSIDE_MAX_UPLOAD", words: "expands to more than");
    }

    [Fact]
    public async Task Loose_build_files_over_the_limit_are_refused_with_413_and_their_spool_files_removed()
    {
        var form = new MultipartFormDataContent { { new StringContent(Encoding.UTF8.GetString(Dockerfile)), "dockerfile" } };
        for (var i = 0; i < 4; i++)
            form.Add(new ByteArrayContent(Random(Limit / 2)), "files", $"part{i}.bin");
        var response = await Client.PostAsync(BuildUrl("qt-sec-up:files-over"), form);
        await AssertTooLargeAsync(response, "64 KiB", "QUAYSIDE_MAX_UPLOAD");
        await AssertSpoolEmptyAsync();
    }

    [Fact]
    public async Task A_zip_upload_the_client_abandons_half_way_leaves_no_spool_file()
    {
        var stalled = new StallingContent(Zip(("Dockerfile", Dockerfile, CompressionLevel.NoCompression))[..30]);
        using var cancel = new CancellationTokenSource();
        var post = Client.PostAsync(BuildUrl("qt-sec-up:abandoned"), stalled, cancel.Token);

        // The spool file exists while the zip arrives: the folder checked below is the one in use.
        Assert.True(await EngineWait.UntilAsync(() => Directory.EnumerateFiles(lab.Spool).Any(), TimeSpan.FromSeconds(10)), "no spool file appeared");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => post);
        await AssertSpoolEmptyAsync();
    }

    [Fact]
    public async Task A_file_upload_into_a_container_over_the_limit_is_refused_with_413_in_words()
    {
        var response = await Client.PostAsync("/api/containers/any/files/upload?path=/tmp&name=big.bin", new ByteArrayContent(Random(Limit + 1)));
        await AssertTooLargeAsync(response, "64 KiB", "QUAYSIDE_MAX_UPLOAD");
    }

    [Fact]
    public async Task A_zip_context_under_the_limit_still_builds()
    {
        var tag = $"qt-sec-up:ok-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            var zip = Zip(("Dockerfile", Dockerfile, CompressionLevel.Optimal), ("hello.txt", "hello"u8.ToArray(), CompressionLevel.Optimal));
            var response = await Client.PostAsync(BuildUrl(tag), Chunked(zip, "application/zip"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"done\":true,\"ok\":true", text);
            await AssertSpoolEmptyAsync();
        }
        finally
        {
            await DockerCommand.RunAsync("rmi", "-f", tag);
        }
    }

    /// <summary>Sends the start of a body, then waits until the request is cancelled: a client that gives up half-way.</summary>
    private sealed class StallingContent(byte[] start) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(start, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
