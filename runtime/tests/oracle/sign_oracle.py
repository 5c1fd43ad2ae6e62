"""Signs requests with the official Huawei Cloud signer, for tests/signer_oracle.rs.

Input (stdin): one JSON object per line:
  {"method", "scheme", "host", "path", "query": [[key, value], ...],
   "headers": [[name, value], ...], "body_hex", "ak", "sk"}
where `path` is the request path exactly as sent, `query` the decoded pairs, and `headers`
the header parameters as the official client passes them (one value per name).

Output (stdout): one JSON object per input line, in order:
  {"authorization": ..., "canonical": ...} or {"error": ...}

Requests are built the way the official client builds its SdkRequest
(huaweicloudsdkcore/client.py, build_future_request) and signed with
huaweicloudsdkcore.signer.signer.Signer, which is what BasicCredentials uses by default.
"""

import json
import sys

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer


class CapturingSigner(Signer):
    """The official signer, also keeping the canonical request for diagnostics."""

    canonical = None

    def _process_string_to_sign(self, canonical_request, time):
        self.canonical = canonical_request
        return super()._process_string_to_sign(canonical_request, time)


def sign(case):
    request = SdkRequest(
        method=case["method"],
        schema=case["scheme"],
        host=case["host"],
        resource_path=case["path"],
        query_params=[(key, value) for key, value in case["query"]],
        header_params={name: value for name, value in case["headers"]},
        body=bytes.fromhex(case["body_hex"]),
    )
    signer = CapturingSigner(BasicCredentials(case["ak"], case["sk"]))
    signer.sign(request)
    return {
        "authorization": request.header_params["Authorization"],
        "canonical": signer.canonical,
    }


def main():
    # Read everything first so the caller can write all cases before reading any answer.
    # Split on "\n" only: JSON strings may hold U+2028, U+0085 and such, which
    # str.splitlines() would also split on.
    lines = sys.stdin.read().split("\n")
    out = []
    for line in lines:
        if not line.strip():
            continue
        try:
            out.append(sign(json.loads(line)))
        except Exception as e:  # reported per case, compared by the Rust test
            out.append({"error": "%s: %s" % (type(e).__name__, e)})
    sys.stdout.write("".join(json.dumps(o) + "\n" for o in out))


if __name__ == "__main__":
    main()
