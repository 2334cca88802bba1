using System.Globalization;

namespace Resilience.Topology.Internal;

/// <summary>Checks five-field cron expressions (the game-day and backup schedules) and finds when one is next due.</summary>
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

    /// <summary>The first whole minute strictly after <paramref name="after"/> that <paramref name="expression"/> names (UTC).</summary>
    /// <exception cref="ArgumentException">The expression is not valid (see <see cref="Problem"/>).</exception>
    public static DateTimeOffset Next(string expression, DateTimeOffset after)
    {
        if (Problem(expression) is { } problem)
        {
            throw new ArgumentException(problem, nameof(expression));
        }

        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var t = after.ToUniversalTime();
        var minute = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        // Four years of minutes covers every valid expression, including 29 February.
        for (var i = 0; i < 4 * 366 * 24 * 60; i++, minute = minute.AddMinutes(1))
        {
            if (Matches(parts, minute))
            {
                return minute;
            }
        }

        throw new ArgumentException($"'{expression}' names no minute in four years", nameof(expression));
    }

    private static bool Matches(string[] parts, DateTimeOffset t)
    {
        var dow = (int)t.DayOfWeek;
        var dayOfMonth = FieldMatches(parts[2], t.Day, 1);
        var dayOfWeek = FieldMatches(parts[4], dow, 0) || (dow == 0 && FieldMatches(parts[4], 7, 0));
        // cron's rule: when both day fields are restricted, either one matching is enough.
        var day = parts[2] != "*" && parts[4] != "*" ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
        return FieldMatches(parts[0], t.Minute, 0) && FieldMatches(parts[1], t.Hour, 0) && FieldMatches(parts[3], t.Month, 1) && day;
    }

    private static bool FieldMatches(string field, int value, int fieldMin) => field.Split(',').Any(item => ItemMatches(item, value, fieldMin));

    private static bool ItemMatches(string item, int value, int fieldMin)
    {
        var slash = item.Split('/');
        var step = slash.Length == 2 ? int.Parse(slash[1], CultureInfo.InvariantCulture) : 1;
        int from, to;
        if (slash[0] == "*")
        {
            (from, to) = (fieldMin, int.MaxValue);
        }
        else
        {
            var bounds = slash[0].Split('-');
            from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            to = bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : (slash.Length == 2 ? int.MaxValue : from);
        }

        return value >= from && value <= to && (value - from) % step == 0;
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
