using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quayside.Engine.Errors;
using Quayside.Engine.Consoles;
using Quayside.Web.Api;

namespace Quayside.Web.Consoles;

/// <summary>
/// Bridges a browser's WebSocket to a console session: binary frames carry the terminal's bytes both ways; text frames carry
/// JSON: from the browser {"type":"resize","rows":R,"cols":C}; to the browser {"type":"started"} and {"type":"end",...}
/// or {"type":"error","message":...}. When the browser goes away first, the exec's processes are ended.
/// </summary>
public sealed class ConsoleSocket(ILogger<ConsoleSocket> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This address takes a WebSocket (the console's terminal).");
            return;
        }
        var consoles = context.HostService<ConsoleService>();
        var container = (string)context.GetRouteValue("container")!;
        var attach = context.Request.Path.Value!.EndsWith("/attach", StringComparison.Ordinal);
        var query = context.Request.Query;
        var rows = Size(query["rows"], 24);
        var cols = Size(query["cols"], 80);
        var request = ExecRequest.Parse(context.Request.QueryString.Value, out var problems);

        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        if (!attach && problems.Count > 0)
        {
            await SendAndCloseAsync(ws, new { type = "error", message = string.Join(" ", problems) });
            return;
        }

        ConsoleSession session;
        try
        {
            session = attach ? await consoles.AttachAsync(container, rows, cols, context.RequestAborted)
                : await consoles.StartExecAsync(container, request, rows, cols, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await SendAndCloseAsync(ws, new { type = "error", message = EngineErrorTranslator.Translate(e, consoles.Client.Endpoint).ToString() });
            return;
        }

        await using (session)
        {
            await SendTextAsync(ws, new { type = "started" }, context.RequestAborted);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            var output = PumpOutputAsync(session, ws, stop.Token);
            var input = PumpInputAsync(ws, session, stop.Token);
            if (await Task.WhenAny(output, input) == output && !context.RequestAborted.IsCancellationRequested)
            {
                var end = await session.EndAsync(context.RequestAborted);
                var command = attach ? "The main process" : request.Argv![0];
                var noShell = end.CommandNotFound && await consoles.FindShellAsync(container, context.RequestAborted) is null;
                await SendAndCloseAsync(ws, new
                {
                    type = "end", exitCode = end.ExitCode, notFound = end.CommandNotFound, noShell, detached = end.Detached,
                    message = noShell ? $"This container has no shell: {command} cannot start (there is no such file)." : end.Describe(command),
                });
                // The browser answers the close; cancelling a pending receive earlier would abort the socket before the message.
                await Task.WhenAny(input, Task.Delay(TimeSpan.FromSeconds(2)));
                await stop.CancelAsync();
            }
            else
            {
                // The browser left (tab closed, network gone): the session's disposal ends the exec's processes. A browser
                // that closed the socket is answered first, as the protocol wants, since ending the processes takes a while.
                if (ws.State == WebSocketState.CloseReceived)
                    await SendAndCloseAsync(ws, null);
                await stop.CancelAsync();
                log.LogDebug("Console on {Container} closed by the browser.", container);
            }
            await Task.WhenAll(Quietly(output), Quietly(input));
        }
    }

    private static async Task PumpOutputAsync(ConsoleSession session, WebSocket ws, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        int n;
        while ((n = await session.ReadAsync(buffer, ct)) > 0)
            await ws.SendAsync(buffer.AsMemory(0, n), WebSocketMessageType.Binary, true, ct);
    }

    private async Task PumpInputAsync(WebSocket ws, ConsoleSession session, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var text = new MemoryStream();
        while (true)
        {
            var frame = await ws.ReceiveAsync(buffer.AsMemory(), ct);
            if (frame.MessageType == WebSocketMessageType.Close)
                return;
            if (frame.MessageType == WebSocketMessageType.Binary)
            {
                await session.WriteAsync(buffer.AsMemory(0, frame.Count), ct);
                continue;
            }
            text.Write(buffer, 0, frame.Count);
            if (!frame.EndOfMessage)
                continue;
            var message = JsonNode.Parse(Encoding.UTF8.GetString(text.ToArray()));
            text.SetLength(0);
            if (message?["type"]?.GetValue<string>() == "resize")
            {
                try
                {
                    await session.ResizeAsync(Size(message["rows"]?.ToString(), 24), Size(message["cols"]?.ToString(), 80), ct);
                }
                catch (Quayside.Engine.Connection.EngineApiException e)
                {
                    log.LogDebug("Resize refused: {Message}", e.EngineMessage);
                }
            }
        }
    }

    private static int Size(string? value, int fallback) => int.TryParse(value, out var n) && n is > 0 and <= 1000 ? n : fallback;

    private static Task SendTextAsync(WebSocket ws, object message, CancellationToken ct) =>
        ws.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message, Json), WebSocketMessageType.Text, true, ct);

    private static async Task SendAndCloseAsync(WebSocket ws, object? message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            if (message is not null)
                await SendTextAsync(ws, message, timeout.Token);
            await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "ended", timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The browser is gone already.
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or JsonException or ObjectDisposedException)
        {
        }
    }
}
