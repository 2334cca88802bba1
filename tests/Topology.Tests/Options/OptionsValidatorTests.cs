using System.ComponentModel.DataAnnotations;
using Resilience.Topology.Options;

namespace Resilience.Topology.Tests.Options;

public class OptionsValidatorTests
{
    private sealed class Inner
    {
        [Range(1, 10)]
        public int Count { get; set; } = 1;
    }

    private sealed class Sample : IValidatableObject
    {
        [Range(1, 100)]
        public int Rate { get; set; } = 5;

        [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

        [Range(0.0, 1.0)]
        public double Share { get; set; } = 0.5;

        [Required(AllowEmptyStrings = false)]
        public string Name { get; set; } = "x";

        [Range(1, 9)]
        public int? Optional { get; set; }

        [ValidateMembers]
        public Inner Nested { get; set; } = new();

        [Range(0, 1000)]
        public int Low { get; set; }

        [Range(0, 1000)]
        public int High { get; set; } = 10;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Low > High)
            {
                yield return new ValidationResult($"must be at most High ({High})", [nameof(Low)]);
            }
        }
    }

    [Fact]
    public void Valid_options_pass()
    {
        OptionsValidator.Validate(new Sample());
        OptionsValidator.Validate(new Sample { Optional = null });
    }

    [Fact]
    public void Every_bad_member_is_named_with_its_value_and_range_in_one_line()
    {
        var e = Assert.Throws<OptionsValidationException>(() => OptionsValidator.Validate(new Sample
        {
            Rate = 0,
            Interval = TimeSpan.FromMinutes(2),
            Share = double.NaN,
            Name = "",
            Optional = 10,
            Nested = new Inner { Count = 11 },
        }));

        Assert.Equal(
            "Sample is invalid: Rate must be between 1 and 100, got 0; Interval must be between 00:00:00.0100000 and 00:01:00, got 00:02:00; "
            + "Share must be between 0 and 1, got NaN; Name is required; Optional must be between 1 and 9, got 10; Nested.Count must be between 1 and 10, got 11",
            e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(6, e.Problems.Count);
    }

    [Fact]
    public void A_rule_across_members_is_reported_once_the_ranges_hold()
    {
        var e = Assert.Throws<OptionsValidationException>(() => OptionsValidator.Validate(new Sample { Low = 20, High = 10 }));
        Assert.Equal("Sample is invalid: Low: must be at most High (10), got 20", e.Message);
    }

    [Fact]
    public void Null_options_are_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => OptionsValidator.Validate(null!));
    }
}
