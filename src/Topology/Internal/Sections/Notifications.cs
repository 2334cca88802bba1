namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:notifications</c> section (infra/spec/sections/notifications.ts).</summary>
internal sealed partial class SpecReader
{
    private static NotificationsSpec ReadNotifications(ConfigNode? node)
    {
        if (node is null)
        {
            return new NotificationsSpec([], null);
        }

        var o = node.AsObject();
        var emails = new List<string>();
        if (o.Field("emails") is { } e)
        {
            foreach (var item in e.AsList())
            {
                var email = item.AsString();
                emails.Add(email.Contains('@', StringComparison.Ordinal) ? email : throw item.Error($"not an email address: '{email}'"));
            }
        }

        ConfigValue? webhook = null;
        if (o.Field("webhookUrl") is { } w)
        {
            webhook = w.IsSecret ? new ConfigValue(w.AsObject().Required("secure").AsString(), IsSecret: true) : new ConfigValue(WebhookUrl(w), false);
        }

        o.RejectUnknownFields();
        return new NotificationsSpec(emails, webhook);
    }

    private static string WebhookUrl(ConfigNode node)
    {
        var url = node.AsString();
        var ok = url.StartsWith("https://", StringComparison.Ordinal)
            || url.StartsWith("http://127.0.0.1", StringComparison.Ordinal)
            || url.StartsWith("http://localhost", StringComparison.Ordinal);
        return ok ? url : throw node.Error($"must be an https:// URL (or http://127.0.0.1 for local), got '{url}'");
    }
}
