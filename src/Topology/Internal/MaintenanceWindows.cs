using System.Globalization;
using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>
/// Maintenance and backup windows against the game-day's cron schedule, on one weekly clock of minutes
/// (UTC, Sunday 00:00 = 0). A window that overlaps a game-day run would let AWS patch, reboot or snapshot
/// the database while the chaos suite measures it. infra/spec/windows.ts follows the same rules.
/// </summary>
internal static partial class MaintenanceWindows
{
    public const int MinutesPerDay = 24 * 60;
    public const int MinutesPerWeek = 7 * MinutesPerDay;

    /// <summary>AWS refuses maintenance and backup windows shorter than this.</summary>
    public const int MinWindowMinutes = 30;

    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    [GeneratedRegex("^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):([0-5][0-9])-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):([0-5][0-9])$")]
    private static partial Regex MaintenanceRegex();

    [GeneratedRegex("^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$")]
    private static partial Regex BackupRegex();

    /// <summary><c>ddd:hh24:mi-ddd:hh24:mi</c> (UTC), as RDS's preferred maintenance window; null when malformed.</summary>
    public static WeeklyWindow? ParseMaintenance(string text)
    {
        var m = MaintenanceRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var start = (Array.IndexOf(Days, m.Groups[1].Value) * MinutesPerDay) + (Number(m.Groups[2]) * 60) + Number(m.Groups[3]);
        var end = (Array.IndexOf(Days, m.Groups[4].Value) * MinutesPerDay) + (Number(m.Groups[5]) * 60) + Number(m.Groups[6]);
        return new WeeklyWindow([start], (end - start + MinutesPerWeek) % MinutesPerWeek);
    }

    /// <summary><c>hh24:mi-hh24:mi</c> (UTC), daily, as RDS's preferred backup window; null when malformed.</summary>
    public static WeeklyWindow? ParseBackup(string text)
    {
        var m = BackupRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var start = (Number(m.Groups[1]) * 60) + Number(m.Groups[2]);
        var end = (Number(m.Groups[3]) * 60) + Number(m.Groups[4]);
        return new WeeklyWindow([.. Enumerable.Range(0, 7).Select(day => (day * MinutesPerDay) + start)], (end - start + MinutesPerDay) % MinutesPerDay);
    }

    /// <summary><c>wed 05:00</c>.</summary>
    public static string ShowMinute(int minuteOfWeek) =>
        string.Create(CultureInfo.InvariantCulture, $"{Days[minuteOfWeek / MinutesPerDay]} {minuteOfWeek % MinutesPerDay / 60:00}:{minuteOfWeek % 60:00}");

    /// <summary>The first minute of the week both windows cover, or null.</summary>
    public static int? FirstOverlap(WeeklyWindow a, WeeklyWindow b)
    {
        var inA = a.Covered();
        var inB = b.Covered();
        for (var minute = 0; minute < MinutesPerWeek; minute++)
        {
            if (inA[minute] && inB[minute])
            {
                return minute;
            }
        }

        return null;
    }

    /// <summary>
    /// Every minute of the week a game-day may be running: each start of the (already validated) cron schedule
    /// plus <paramref name="runMinutes"/>. A day-of-month restriction can fall on any weekday, so it counts as
    /// every day (the conservative side).
    /// </summary>
    public static WeeklyWindow Gameday(string schedule, int runMinutes)
    {
        var parts = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var minutes = ExpandCronField(parts[0], 0, 59);
        var hours = ExpandCronField(parts[1], 0, 23);
        var days = parts[2] == "*" ? ExpandCronField(parts[4], 0, 7).Select(d => d % 7).Distinct().ToList() : [.. Enumerable.Range(0, 7)];
        var starts = (from day in days from h in hours from m in minutes select (day * MinutesPerDay) + (h * 60) + m).ToList();
        return new WeeklyWindow(starts, runMinutes);
    }

    /// <summary>The values of one cron field: lists of <c>*</c>, <c>n</c>, <c>a-b</c>, each with an optional <c>/step</c>.</summary>
    public static List<int> ExpandCronField(string field, int min, int max)
    {
        var values = new SortedSet<int>();
        foreach (var item in field.Split(','))
        {
            var slash = item.Split('/');
            var step = slash.Length == 2 ? int.Parse(slash[1], CultureInfo.InvariantCulture) : 1;
            var (from, to) = (min, max);
            if (slash[0] != "*")
            {
                var bounds = slash[0].Split('-');
                from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                to = bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : slash.Length == 2 ? max : from;
            }

            for (var v = from; v <= to; v += step)
            {
                values.Add(v);
            }
        }

        return [.. values];
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);
}

/// <summary>A window as minutes of the week: its starts, and its length in minutes (it may wrap past Saturday).</summary>
internal sealed record WeeklyWindow(IReadOnlyList<int> Starts, int Minutes)
{
    /// <summary>Which minutes of the week the window covers.</summary>
    public bool[] Covered()
    {
        var covered = new bool[MaintenanceWindows.MinutesPerWeek];
        foreach (var start in Starts)
        {
            for (var i = 0; i < Minutes; i++)
            {
                covered[(start + i) % MaintenanceWindows.MinutesPerWeek] = true;
            }
        }

        return covered;
    }
}
