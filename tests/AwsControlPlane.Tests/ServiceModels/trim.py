#!/usr/bin/python3
"""Copies the parts of botocore's service models that the tests need: the operations the project
calls and every shape they reach, without documentation. Run with Debian's python3-botocore installed:
    /usr/bin/python3 trim.py
Source and licence: see NOTICE.md."""
import glob, json, os

WANTED = {
    "rds": ["DescribeDBClusters", "DescribeDBInstances", "DescribeDBClusterEndpoints", "ModifyDBClusterEndpoint",
            "FailoverDBCluster", "RebootDBInstance", "RestoreDBClusterToPointInTime", "CreateDBInstance", "DeleteDBInstance", "DeleteDBCluster"],
    "fis": ["StartExperiment", "GetExperiment", "StopExperiment", "ListExperiments", "ListExperimentTemplates", "GetExperimentTemplate"],
    "cloudwatch": ["DescribeAlarms", "DescribeAlarmHistory", "PutMetricData"],
}
ROOT = "/usr/lib/python3/dist-packages/botocore/data"

def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("documentation", "documentationUrl", "examples")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node

def reach(shapes, name, seen):
    if name in seen:
        return
    seen.add(name)
    shape = shapes[name]
    refs = [m["shape"] for m in shape.get("members", {}).values()]
    for key in ("member", "key", "value"):
        if key in shape:
            refs.append(shape[key]["shape"])
    for ref in refs:
        reach(shapes, ref, seen)

for service, operations in WANTED.items():
    path = sorted(glob.glob(f"{ROOT}/{service}/*/service-2.json"))[-1]
    model = json.load(open(path))
    seen = set()
    for op in operations:
        o = model["operations"][op]
        for part in ("input", "output"):
            if part in o:
                reach(model["shapes"], o[part]["shape"], seen)
        for error in o.get("errors", []):
            reach(model["shapes"], error["shape"], seen)
    out = {
        "source": path.replace(ROOT, "botocore/data"),
        "metadata": model["metadata"],
        "operations": {op: strip(model["operations"][op]) for op in operations},
        "shapes": {name: strip(model["shapes"][name]) for name in sorted(seen)},
    }
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{service}.json")
    with open(target, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(target, len(out["shapes"]), "shapes")
