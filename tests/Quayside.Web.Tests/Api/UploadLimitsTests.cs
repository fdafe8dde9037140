using Microsoft.Extensions.Configuration;
using Quayside.Web.Api;
using Quayside.Web.Files;
using Quayside.Web.Build;
using Quayside.Web.ImageArchives;

namespace Quayside.Web.Tests.Api;

public sealed class UploadLimitsTests
{
    [Theory]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("20 GiB", 20L << 30)]
    [InlineData("500MB", 500_000_000L)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("64KiB", 65536L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("10kb", 10_000L)]
    [InlineData("3t", 3L << 40)]
    public void Sizes_read_as_people_write_them(string text, long bytes) =>
        Assert.Equal(bytes, UploadLimits.ParseSize(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("2 parsecs")]
    [InlineData("1e9")]
    [InlineData("99999999999TiB")]
    public void What_is_not_a_size_is_not_read_as_one(string text) =>
        Assert.Null(UploadLimits.ParseSize(text));

    [Theory]
    [InlineData(20L << 30, "20 GiB")]
    [InlineData(500_000_000L, "500 MB")]
    [InlineData(65536L, "64 KiB")]
    [InlineData(1000L, "1 KB")]
    [InlineData(1001L, "1001 bytes")]
    public void Limits_are_described_in_the_unit_that_divides_them(long bytes, string text) =>
        Assert.Equal(text, UploadLimits.Describe(bytes));

    [Fact]
    public void Without_settings_images_may_be_20_GiB_and_other_uploads_2_GiB_spooled_in_the_temp_folder()
    {
        var limits = UploadLimits.Resolve(new ConfigurationBuilder().Build());
        Assert.Equal(20L << 30, limits.ImageBytes);
        Assert.Equal(2L << 30, limits.OtherBytes);
        Assert.Equal(Path.GetTempPath(), limits.SpoolDirectory);
        Assert.Equal("The upload is larger than 2 GiB, the limit for build contexts and file uploads. Send a smaller file, or raise the limit with the setting QUAYSIDE_MAX_UPLOAD.",
            limits.ForOthers.TooLarge);
    }

    [Fact]
    public void A_setting_that_is_not_a_size_stops_the_app_with_a_sentence_naming_it()
    {
        using var app = new QuaysideFactory(settings: new Dictionary<string, string> { ["QUAYSIDE_MAX_UPLOAD"] = "lots" });
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        while (e.InnerException is not null && !e.Message.Contains("QUAYSIDE_MAX_UPLOAD"))
            e = e.InnerException;
        Assert.StartsWith("QUAYSIDE_MAX_UPLOAD=lots is not a size: ", e.Message);
    }
}
