"""The venv's kernelspec, for JupyterLab and plain papermill: its display name, and local sockets.

Jupyter starts a kernel on TCP by default, and ipykernel then warns on every start that it is
"running over TCP without encryption". The kernelspec that `make` installs names IPCProvisioner,
which starts the kernel on IPC transport instead: Unix sockets in Jupyter's runtime folder (only
this user can open them), so there is nothing to warn about and no port is opened. JupyterLab and
papermill both start kernels through the kernelspec, so both get it. (`python -m pipeline build`
does not look kernelspecs up: pipeline/kernel.py.)

`python -m pipeline.kernelspec` (re)installs the kernelspec into this interpreter's prefix.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

NAME = "python3"
DISPLAY_NAME = "Python 3 (cchc-report)"
PROVISIONER = "cchc-ipc"  # the entry point in pyproject.toml
# A Unix socket's path has at most 107 bytes; with a longer runtime folder the kernel stays on TCP.
MAX_PREFIX = 100


class IPCProvisioner(LocalProvisioner):
    """The local provisioner with the kernel's sockets on IPC transport, in Jupyter's runtime folder."""

    async def pre_launch(self, **kwargs):
        km = self.parent
        if km is not None and km.transport != "ipc":
            from jupyter_core.paths import jupyter_runtime_dir

            runtime = Path(jupyter_runtime_dir())
            prefix = runtime / f"ipc-{self.kernel_id[:8]}"  # sockets are prefix-<port>; absolute, shared
            if len(os.fsencode(prefix)) <= MAX_PREFIX:
                runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
                km.transport, km.ip = "ipc", str(prefix)
                km.cache_ports = False  # jupyter_client's port cache binds TCP ports
        return await super().pre_launch(**kwargs)


def install(prefix: str = sys.prefix) -> Path:
    """Install the kernelspec NAME into `prefix`, on IPCProvisioner; returns its folder."""
    from ipykernel.kernelspec import install as install_ipykernel

    folder = Path(install_ipykernel(kernel_name=NAME, display_name=DISPLAY_NAME, prefix=prefix))
    spec_file = folder / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    spec.setdefault("metadata", {})["kernel_provisioner"] = {"provisioner_name": PROVISIONER, "config": {}}
    spec_file.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return folder


if __name__ == "__main__":
    print(install())
