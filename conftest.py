"""Root pytest configuration: the nbval stage retries a kernel that dies at start (build_tools/nbval_kernel.py)."""

from build_tools.nbval_kernel import start_kernel_with_retry


def pytest_configure(config):
    if not getattr(config.option, "nbval", False):
        return
    import nbval.kernel

    if not getattr(nbval.kernel.start_new_kernel, "mesocours_retry", False):
        nbval.kernel.start_new_kernel = start_kernel_with_retry(nbval.kernel.start_new_kernel)
        nbval.kernel.start_new_kernel.mesocours_retry = True
