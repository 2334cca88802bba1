using System.Globalization;

namespace Resilience.Topology.Internal;

/// <summary>Checks a five-field cron expression (the game-day schedule) without running it.</summary>
internal static class CronSchedule
{
    private static readonly (string Name, int Min, int Max)[] Fields =
        [("minute", 0, 59), ("hour", 0, 23), ("day-of-month", 1, 31), ("month", 1, 12), ("day-of-week", 0, 7)];

    /// <summary>Null when valid, otherwise what is wrong.</summary>
    public static string? Problem(string expression)
    {
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            return $"expected 5 cron fields (minute hour day-of-month month day-of-week), got {parts.Length} in '{expression}'";
        }

        for (var i = 0; i < 5; i++)
        {
            var (name, min, max) = Fields[i];
            foreach (var item in parts[i].Split(','))
            {
                if (!IsValidItem(item, min, max))
                {
                    return $"{name} '{parts[i]}' is not valid in '{expression}' ({min}-{max}, *, a-b, a,b, */n)";
                }
            }
        }

        return null;
    }

    private static bool IsValidItem(string item, int min, int max)
    {
        var slash = item.Split('/');
        if (slash.Length > 2 || (slash.Length == 2 && !(TryNumber(slash[1], out var step) && step >= 1)))
        {
            return false;
        }

        var range = slash[0];
        if (range == "*")
        {
            return true;
        }

        var bounds = range.Split('-');
        return bounds.Length switch
        {
            1 => TryNumber(bounds[0], out var n) && n >= min && n <= max,
            2 => TryNumber(bounds[0], out var a) && TryNumber(bounds[1], out var b) && a >= min && b <= max && a <= b,
            _ => false,
        };
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
