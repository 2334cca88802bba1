using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Http;

/// <summary>Maps the endpoints. Handlers only read the latest snapshot: a probe never waits on the database.</summary>
internal static class ProbeEndpoints
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder app, MemberContext context)
    {
        var json = HealthProbesJsonContext.Default;
        app.MapMethods("/health/live", GetOrHead, http => Answer(http, context.Live(), a => new LiveBody(a.Ok, a.Reason), json.LiveBody));
        app.MapMethods("/health/primary", GetOrHead, http => Answer(http, context.Primary(), a => new PrimaryBody(a.Ok, a.Reason), json.PrimaryBody));
        app.MapMethods("/health/ready", GetOrHead, http => Answer(http, context.Ready(), a => new ReadyBody(a.Ok, a.Reason), json.ReadyBody));
        app.MapMethods("/status", GetOrHead, http =>
        {
            NoStore(http);
            return http.Response.WriteAsJsonAsync(StatusDocuments.Build(context), json.StatusDocument);
        });
        app.MapMethods("/metrics", GetOrHead, http =>
        {
            NoStore(http);
            http.Response.ContentType = PrometheusText.ContentType;
            return http.Response.WriteAsync(PrometheusText.Write(context));
        });
        return app;
    }

    private static Task Answer<T>(HttpContext http, ProbeAnswer answer, Func<ProbeAnswer, T> body, JsonTypeInfo<T> type)
    {
        NoStore(http);
        http.Response.StatusCode = answer.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return http.Response.WriteAsJsonAsync(body(answer), type);
    }

    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
