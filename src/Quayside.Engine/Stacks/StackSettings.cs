using Microsoft.Extensions.Logging;

namespace Quayside.Engine.Stacks;

/// <summary>What every host's stacks share: where Quayside keeps stack folders and histories, and how it encrypts them.</summary>
/// <param name="StacksRoot"><c>DATA/stacks</c>: one folder per host, one per stack inside it.</param>
public sealed record StackSettings(string StacksRoot, ISecretProtector Protector, ILoggerFactory? Logs = null);
