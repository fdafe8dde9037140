using System.Collections.Concurrent;
using Quayside.Engine.Cli;
using Quayside.Engine.Connection;
using Quayside.Engine.Model;

namespace Quayside.Engine.Hosts;

/// <summary>
/// One engine the dashboard reaches: its name in URLs, its connection and its live model. A docker context name, when
/// the host was imported from one, is how its CLI lines name it.
/// </summary>
public sealed class EngineHost(string name, HostModel model, string? contextName = null, Func<Type, object?>? shared = null)
{
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
    /// This host's instance of an engine service (ContainerActions, ContainerLogs, ...): made once per host from its model
    /// or client. The default host hands out the app's own instances.
    /// </summary>
    public T Get<T>() where T : class =>
        (T)_services.GetOrAdd(typeof(T), type => shared?.Invoke(type) ?? Make(type));

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
                args[i] = p == typeof(HostModel) ? Model : p == typeof(EngineClient) ? Client : parameters[i].HasDefaultValue ? parameters[i].DefaultValue : null;
                fits = args[i] is not null || parameters[i].HasDefaultValue;
            }
            if (fits)
                return constructor.Invoke(args);
        }
        throw new InvalidOperationException($"{type.Name} cannot be made for a host: it needs more than the host's model or client.");
    }

    /// <summary>A CLI line built for the default host, said for this one (<c>docker ps</c> becomes <c>docker -H ... ps</c>).</summary>
    public string Cli(string line) => DockerCli.OnHost(CliFlags, line);
}
