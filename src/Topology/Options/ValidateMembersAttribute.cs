namespace Resilience.Topology.Options;

/// <summary>
/// Marks an options property whose own members <see cref="OptionsValidator"/> checks too (data annotations do not
/// descend into nested objects), reported as <c>Property.Member</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class ValidateMembersAttribute : Attribute;
