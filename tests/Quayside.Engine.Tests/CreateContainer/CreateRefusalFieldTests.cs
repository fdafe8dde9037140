using System.Net;
using Quayside.Engine.CreateContainer;
using Quayside.Engine.Errors;

namespace Quayside.Engine.Tests.CreateContainer;

/// <summary>The engine's create and start refusals (texts as the 20.10 engine sends them) land on the form field they concern.</summary>
public class CreateRefusalFieldTests
{
    [Theory]
    [InlineData("Conflict. The container name \"/web\" is already in use by container \"abc\". You have to remove (or rename) that container to be able to reuse that name.", RunField.Name, "The name 'web' is already used")]
    [InlineData("driver failed programming external connectivity on endpoint web (0123): Bind for 0.0.0.0:8080 failed: port is already allocated", RunField.Ports, "The host port 0.0.0.0:8080 is already taken")]
    [InlineData("driver failed programming external connectivity on endpoint web (0123): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use", RunField.Ports, "0.0.0.0:8080 is already in use by a program")]
    [InlineData("No such image: nosuch/x:1", RunField.Image, "There is no image 'nosuch/x:1'")]
    [InlineData("invalid volume specification: '/tmp:data': invalid mount config for type \"bind\": invalid mount path: 'data' mount path must be absolute", RunField.Binds, "The mount path 'data' is not absolute")]
    [InlineData("create site/x: \"site/x\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path", RunField.Binds, "neither an absolute host path nor a valid volume name")]
    [InlineData("network nonet not found", RunField.Network, "There is no network 'nonet'")]
    [InlineData("failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in $PATH: unknown", RunField.Command, "The command 'nosuchcmd' does not exist in the image")]
    [InlineData("Minimum memory limit allowed is 6MB", RunField.Memory, "below the engine's minimum")]
    [InlineData("Range of CPUs is from 0.01 to 4.00, as there are only 4 CPUs available", RunField.Cpus, "0.01 to 4.00")]
    public void A_refusal_is_put_in_words_and_names_its_field(string engineMessage, string field, string expected)
    {
        var problem = EngineErrorTranslator.FromEngine(HttpStatusCode.BadRequest, engineMessage);
        Assert.Equal(field, problem.Field);
        Assert.Contains(expected, problem.ToString());
    }
}
