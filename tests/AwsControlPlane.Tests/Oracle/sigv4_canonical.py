#!/usr/bin/python3
"""SigV4 oracle for the tests: for each captured request (JSON on stdin), rebuilds the canonical request
with botocore's own SigV4Auth from the headers the request says it signed, and checks that the
signature in its Authorization header is the one botocore computes with the given secret. A request
with "at" (an x-amz-date) is signed again as if it had been sent then: its canonical request and
signature at that time are returned, to compare with another request's.
Needs Debian's python3-botocore (installed by scripts/setup). Prints JSON on stdout."""
import json, sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

job = json.load(sys.stdin)
results = []
for r in job["requests"]:
    auth = r["headers"]["authorization"]
    fields = dict(part.strip().split("=", 1) for part in auth.split(" ", 1)[1].split(","))
    access_key, date, region, service, _ = fields["Credential"].split("/")
    signed = fields["SignedHeaders"].split(";")
    headers = {name: r["headers"][name] for name in signed}
    if r.get("at"):
        headers["x-amz-date"] = r["at"]
    url = "http://" + r["headers"]["host"] + r["path"] + (("?" + r["query"]) if r["query"] else "")
    request = AWSRequest(method=r["method"], url=url, headers=headers, data=r["body"].encode("utf-8"))
    request.context["timestamp"] = headers["x-amz-date"]
    signer = SigV4Auth(Credentials(access_key, job["secret"]), service, region)
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    results.append({
        "canonical": canonical,
        "signedHeaders": fields["SignedHeaders"],
        "scope": "/".join([region, service]),
        "signature": signature,
        "signatureValid": signature == fields["Signature"],
    })
json.dump({"results": results}, sys.stdout)
