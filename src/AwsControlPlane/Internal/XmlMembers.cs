using System.Globalization;
using System.Xml.Linq;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>Reads query-protocol XML by member names (local names: the namespace differs per service).</summary>
internal static class XmlMembers
{
    /// <summary>The <c>&lt;Operation&gt;Result</c> element of a response body.</summary>
    public static XElement Result(string body, string operation)
    {
        var root = XDocument.Parse(body).Root ?? throw new FormatException($"{operation}: empty response");
        return root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result")
            ?? throw new FormatException($"{operation}: response has no {operation}Result");
    }

    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The items of a non-flattened list member: <c>&lt;List&gt;&lt;Item/&gt;...&lt;/List&gt;</c>.</summary>
    public static IEnumerable<XElement> Items(this XElement element, string list, string item = "member") =>
        element.Child(list)?.Elements().Where(e => e.Name.LocalName == item) ?? [];

    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    public static string Required(this XElement element, string name) =>
        element.Text(name) ?? throw new FormatException($"{element.Name.LocalName} has no {name}");

    public static int? Int(this XElement element, string name) =>
        element.Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    public static bool Bool(this XElement element, string name) =>
        string.Equals(element.Text(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An ISO 8601 timestamp member (the query protocol's timestamp format).</summary>
    public static DateTimeOffset? Time(this XElement element, string name) =>
        element.Text(name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    /// <summary>A TagList: <c>&lt;TagList&gt;&lt;Tag&gt;&lt;Key/&gt;&lt;Value/&gt;&lt;/Tag&gt;&lt;/TagList&gt;</c>.</summary>
    public static IReadOnlyDictionary<string, string> Tags(this XElement element) =>
        element.Items("TagList", "Tag").ToDictionary(t => t.Required("Key"), t => t.Text("Value") ?? "", StringComparer.Ordinal);

    /// <summary>True when a structure member is present and has any child.</summary>
    public static bool HasAny(this XElement element, string name) => element.Child(name)?.HasElements == true;
}
