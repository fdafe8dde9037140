using Microsoft.Extensions.Logging;
using Quayside.TestSupport;

namespace Quayside.Web.Tests;

/// <summary>Writes every log message of an in-memory app (Debug and up, with exceptions) to a file for <see cref="AppLogAudit"/>.</summary>
public sealed class AppLogCapture : ILoggerProvider
{
    private readonly StreamWriter _file = AppLogAudit.OpenLog("web");
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            if (_file.BaseStream.CanWrite)
                _file.WriteLine(line);
        }
    }

    private sealed class Logger(AppLogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                owner.Write($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
        }
    }
}
