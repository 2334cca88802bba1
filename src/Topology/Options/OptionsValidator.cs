using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace Resilience.Topology.Options;

/// <summary>
/// Checks an options object once, where it is used, against its <see cref="RangeAttribute"/>,
/// <see cref="RequiredAttribute"/> and other data annotations, and reports every bad member in one line,
/// so a bad value fails at once with what is wrong instead of later with a misleading message.
/// </summary>
public static class OptionsValidator
{
    /// <summary>Throws when any member of <paramref name="options"/> (or of a member marked <see cref="ValidateMembersAttribute"/>) is out of range.</summary>
    /// <param name="options">The options to check.</param>
    /// <exception cref="OptionsValidationException">One or more members are invalid; the message names each with its value and its allowed range.</exception>
    public static void Validate(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Collect(options, prefix: "", problems, depth: 0);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(options.GetType().Name, problems);
        }
    }

    // Nesting is shallow in practice (ScenarioRunnerOptions.Workload); the bound only guards against a cycle.
    private const int MaxDepth = 8;

    private static void Collect(object options, string prefix, List<string> problems, int depth)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                problems.Add(Describe(options, member, prefix, result));
            }
        }

        if (depth >= MaxDepth)
        {
            return;
        }

        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ValidateMembersAttribute>() is not null && property.GetValue(options) is { } nested)
            {
                Collect(nested, prefix + property.Name + ".", problems, depth + 1);
            }
        }
    }

    private static string Describe(object options, string member, string prefix, ValidationResult result)
    {
        var property = member.Length == 0 ? null : options.GetType().GetProperty(member);
        var value = property?.GetValue(options);
        var shown = value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "null";
        var range = property?.GetCustomAttribute<RangeAttribute>();
        if (range is not null && !range.IsValid(value))
        {
            return $"{prefix}{member} must be between {Format(range.Minimum)} and {Format(range.Maximum)}, got {shown}";
        }

        if (property?.GetCustomAttribute<RequiredAttribute>() is { } required && !required.IsValid(value))
        {
            return $"{prefix}{member} is required";
        }

        // Another annotation: its own message, with the value for context.
        return $"{prefix}{(member.Length == 0 ? "" : member + ": ")}{result.ErrorMessage?.TrimEnd('.')}, got {shown}";
    }

    private static string Format(object bound) =>
        bound is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : bound.ToString() ?? "";
}
