#!/usr/bin/python3
"""Checks an IAM database auth token (a SigV4 pre-signed URL without scheme) with botocore's
SigV4QueryAuth: argv[1] the token, argv[2] the secret key. Prints JSON {"valid": bool, "canonical": ...}."""
import json, sys
from urllib.parse import parse_qsl, urlsplit
from botocore.auth import SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

token, secret = sys.argv[1], sys.argv[2]
parts = urlsplit("https://" + token)
params = parse_qsl(parts.query, keep_blank_values=True)
raw = [pair.partition("=")[::2] for pair in parts.query.split("&")]  # percent-encoding kept, as signed
signature = dict(params)["X-Amz-Signature"]
access_key, date, region, service, _ = dict(params)["X-Amz-Credential"].split("/")
unsigned = "&".join(f"{k}={v}" for k, v in raw if k != "X-Amz-Signature")
request = AWSRequest(method="GET", url=f"https://{parts.netloc}/?{unsigned}", headers={"host": parts.netloc})
request.context["timestamp"] = dict(params)["X-Amz-Date"]
signer = SigV4QueryAuth(Credentials(access_key, secret, dict(params).get("X-Amz-Security-Token")), service, region, expires=int(dict(params)["X-Amz-Expires"]))
canonical = signer.canonical_request(request)
expected = signer.signature(signer.string_to_sign(request, canonical), request)
json.dump({"valid": expected == signature, "canonical": canonical, "service": service, "region": region}, sys.stdout)
