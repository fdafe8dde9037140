using System.Collections.Concurrent;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Hosts;

/// <summary>
/// One engine the dashboard reaches: its name in URLs, its connection and its live model. A docker context name, when
/// the host was imported from one, is how its CLI lines name it.
/// </summary>
/// <param name="shared">The default host's source of services: the app's own instances.</param>
/// <param name="app">For another host, where the parts of its services that no host owns (loggers, clocks, credentials) come from.</param>
public sealed class EngineHost(string name, HostModel model, string? contextName = null, Func<Type, object?>? shared = null, Func<Type, object?>? app = null)
    : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Type, bool> HostBoundTypes = new();
    private readonly ConcurrentDictionary<Type, object> _services = new();

    public const string DefaultName = "local";

    public string Name { get; } = name;
    public HostModel Model { get; } = model;
    public EngineClient Client => Model.Client;
    public EngineEndpoint Endpoint => Model.Client.Endpoint;
    public string? ContextName { get; } = contextName;
    public bool IsDefault => Name == DefaultName;

    /// <summary>The flags a user types after <c>docker</c> to reach this host; empty for the default host.</summary>
    public string CliFlags => IsDefault ? "" : DockerCli.HostFlags(Endpoint, ContextName);

    /// <summary>
    /// This host's instance of an engine service (ContainerActions, ContainerLogs, ...): made once per host. The default
    /// host hands out the app's own instances.
    /// </summary>
    public T Get<T>() where T : class => (T)Resolve(typeof(T));

    /// <summary>This host's model, client, or instance of a service of the given type.</summary>
    public object Resolve(Type type) =>
        type == typeof(HostModel) ? Model : type == typeof(EngineClient) ? Client : type == typeof(EngineHost) ? this : Get(type);

    private object Get(Type type) =>
        _services.GetOrAdd(type, t => shared?.Invoke(t) ?? Make(t));

    /// <summary>
    /// Whether a service talks to one engine: it takes the host's model or client, or another service that does. Such a
    /// service is made per host; anything else a constructor asks for is the app's.
    /// </summary>
    public static bool IsHostBound(Type type) => HostBoundTypes.GetOrAdd(type, static t => IsHostBound(t, []));

    private static bool IsHostBound(Type type, HashSet<Type> seen)
    {
        if (type == typeof(HostModel) || type == typeof(EngineClient) || type == typeof(EngineHost))
            return true;
        if (!type.IsClass || type.Assembly == typeof(object).Assembly || !seen.Add(type))
            return false;
        return type.GetConstructors().Any(c => c.GetParameters().Any(p => IsHostBound(p.ParameterType, seen)));
    }

    private object Make(Type type)
    {
        foreach (var constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = constructor.GetParameters();
            var args = new object?[parameters.Length];
            var fits = true;
            for (var i = 0; i < parameters.Length && fits; i++)
            {
                var p = parameters[i].ParameterType;
                args[i] = p == typeof(HostModel) ? Model
                    : p == typeof(EngineClient) ? Client
                    : p == typeof(EngineHost) ? this
                    : IsHostBound(p) ? Get(p)
                    : app?.Invoke(p) ?? (parameters[i].HasDefaultValue ? parameters[i].DefaultValue : null);
                fits = args[i] is not null || parameters[i].HasDefaultValue;
            }
            if (fits)
                return constructor.Invoke(args);
        }
        throw new InvalidOperationException($"{type.Name} cannot be made for host '{Name}': a part of it is neither the host's nor the app's.");
    }

    /// <summary>A CLI line built for the default host, said for this one (<c>docker ps</c> becomes <c>docker -H ... ps</c>).</summary>
    public string Cli(string line) => DockerCli.OnHost(CliFlags, line, DockerCli.ApiVersionEnvironment(Endpoint));

    /// <summary>Ends the services made for this host (a removed host's stats streams, say); the default host's are the app's.</summary>
    public async ValueTask DisposeAsync()
    {
        if (shared is not null)
            return;
        foreach (var service in _services.Values)
        {
            if (service is IAsyncDisposable asyncDisposable)
                await asyncDisposable.DisposeAsync();
            else if (service is IDisposable disposable)
                disposable.Dispose();
        }
        _services.Clear();
    }
}
