using Quayside.Engine.Connection;
using Quayside.Engine.Errors;

namespace Quayside.Web.Api;

/// <summary>
/// Engine errors on every API route, also those that only expect the engine's own refusals, answered in words: an id or
/// name refused before it reached the engine (see <see cref="EnginePath"/>) is a 400; an engine's refusal, or Quayside's
/// own for an API too old (<see cref="EngineApiTooOldException"/>), keeps its status. A stack operation refused
/// before compose ran is a 400, and no compose CLI a 503.
/// </summary>
public sealed class EngineErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidEngineNameException e) when (!context.HttpContext.Response.HasStarted)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }
        catch (Engine.Stacks.StackRefusedException e) when (!context.HttpContext.Response.HasStarted)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }
        catch (Engine.Stacks.ComposeMissingException e) when (!context.HttpContext.Response.HasStarted)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: e.Message);
        }
        catch (EngineApiException e) when (!context.HttpContext.Response.HasStarted)
        {
            var endpoint = context.HttpContext.EngineHost()?.Endpoint ?? EngineEndpoint.FromEnvironment();
            var problem = EngineErrorTranslator.Translate(e, endpoint);
            return Results.Problem(statusCode: (int)e.Status is >= 400 and < 600 ? (int)e.Status : StatusCodes.Status502BadGateway,
                title: problem.Message, detail: problem.Advice);
        }
    }
}
