using Quayside.Engine.Images;

namespace Quayside.Engine.Build;

/// <summary>An uploaded tar or zip that expands beyond the allowed context size (a zip or gzip bomb); refused before it is unpacked further.</summary>
public sealed class ContextTooLargeException(long limit)
    : IOException($"The build context expands to more than {limit} bytes.")
{
    public long Limit { get; } = limit;
}
