using Quayside.Engine.Errors;

namespace Quayside.Engine.Tests.Errors;

public class EngineErrorTranslatorConsolesTests
{
    [Theory]
    [InlineData(127, "OCI runtime exec failed: exec failed: container_linux.go:380: starting container process caused: exec: \"bash\": executable file not found in $PATH: unknown", true)]
    [InlineData(126, "OCI runtime exec failed: exec: \"/bin/sh\": stat /bin/sh: no such file or directory: unknown", true)]
    [InlineData(127, "sh: nosuch: not found", false)]
    [InlineData(1, "exec: \"bash\": executable file not found in $PATH", false)]
    [InlineData(null, "exec: \"bash\": executable file not found in $PATH", false)]
    public void A_command_is_missing_only_when_the_runtime_says_so_with_code_126_or_127(int? code, string output, bool missing) =>
        Assert.Equal(missing, EngineErrorTranslator.IsCommandNotFound(code, output));

    [Fact]
    public void A_missing_command_is_named() =>
        Assert.Equal("/bin/bash cannot start in this container: there is no such executable (no shell?).", EngineErrorTranslator.CommandNotFound("/bin/bash"));
}
