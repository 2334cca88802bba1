using System.Net;

namespace Resilience.AwsStandIn;

/// <summary>Parses application/x-www-form-urlencoded text (the query protocol's body).</summary>
public static class FormBody
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(eq < 0 ? pair : pair[..eq]);
            result[name] = eq < 0 ? "" : WebUtility.UrlDecode(pair[(eq + 1)..]);
        }

        return result;
    }
}
