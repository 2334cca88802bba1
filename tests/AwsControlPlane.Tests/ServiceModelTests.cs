namespace Resilience.AwsControlPlane.Tests;

/// <summary>The judge itself: a message that breaks the model is caught, so a conformance test can fail.</summary>
public sealed class ServiceModelTests
{
    private static readonly ServiceModel Rds = ServiceModel.Load("rds");
    private static readonly ServiceModel Fis = ServiceModel.Load("fis");

    [Fact]
    public void AQueryListWithoutItsLocationNameIsCaught()
    {
        var form = new Dictionary<string, string>
        {
            ["Action"] = "DescribeDBInstances",
            ["Version"] = "2014-10-31",
            ["Filters.member.1.Name"] = "db-cluster-id",
        };
        Assert.Contains(Rds.CheckQueryRequest("DescribeDBInstances", "POST", "/", form), p => p.Contains("Filter.N", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingRequiredMemberAndAnUnknownMemberAreCaught()
    {
        var form = new Dictionary<string, string> { ["Action"] = "RebootDBInstance", ["Version"] = "2014-10-31", ["DBInstanceId"] = "x" };
        var problems = Rds.CheckQueryRequest("RebootDBInstance", "POST", "/", form);
        Assert.Contains(problems, p => p.Contains("DBInstanceIdentifier missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'DBInstanceId' is not a member", StringComparison.Ordinal));
    }

    [Fact]
    public void AResponseElementThatIsNotAMemberIsCaught()
    {
        const string body = "<DescribeDBClustersResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBClustersResult><DBClusters>"
            + "<DBCluster><DBClusterIdentifier>a</DBClusterIdentifier><Writer>b</Writer><Port>x</Port></DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>";
        var problems = Rds.CheckXmlResponse("DescribeDBClusters", body);
        Assert.Contains(problems, p => p.EndsWith("/Writer is not a member", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'x' is not a valid integer", StringComparison.Ordinal));
    }

    [Fact]
    public void ARestJsonCallWithTheWrongMethodOrBodyIsCaught()
    {
        var problems = Fis.CheckRestJsonRequest("StopExperiment", "POST", "/experiments/EXP1", new Dictionary<string, string>(), "");
        Assert.Contains(problems, p => p.StartsWith("method POST", StringComparison.Ordinal));
        problems = Fis.CheckRestJsonRequest("StartExperiment", "POST", "/experiments", new Dictionary<string, string>(), "{\"templateId\":\"x\"}");
        Assert.Contains(problems, p => p.Contains("templateId is not in the model", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("clientToken missing", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExperimentStatusOutsideTheEnumIsCaught()
    {
        var problems = Fis.CheckJsonResponse("GetExperiment", "{\"experiment\":{\"id\":\"E\",\"state\":{\"status\":\"exploded\"}}}");
        Assert.Contains(problems, p => p.Contains("'exploded'", StringComparison.Ordinal));
    }
}
