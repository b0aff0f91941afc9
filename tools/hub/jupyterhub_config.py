"""JupyterHub configuration for `deno task hub`: a class on one machine.

Every value comes from the JSON settings file that `tools/hub/main.ts` writes
(its path is in $COURSE_HUB_SETTINGS), so this file is the same for every run.
Read it to see what a local trial changes from JupyterHub's defaults.
"""
import json
import os
import shutil

c = get_config()  # noqa: F821 (JupyterHub defines get_config for its config files)

with open(os.environ["COURSE_HUB_SETTINGS"], encoding="utf-8") as f:
    s = json.load(f)

# Everything on the loopback; only the proxy's public port is chosen by the teacher.
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = s["port"]
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = s["hubPort"]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s['proxyApiPort']}"
c.ConfigurableHTTPProxy.pid_file = os.path.join(s["hubDir"], "proxy.pid")

# The hub's state lives in the class folder, never in the working directory.
c.JupyterHub.db_url = "sqlite:///" + os.path.join(s["hubDir"], "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(s["hubDir"], "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(s["hubDir"], "jupyterhub.pid")

# Local trial: one shared password for every learner on the list.
# For a real class, swap in a real authenticator, for example:
#   c.JupyterHub.authenticator_class = "oauthenticator.GitHubOAuthenticator"
#   c.JupyterHub.authenticator_class = "ldapauthenticator.LDAPAuthenticator"
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = s["password"]
c.Authenticator.allowed_users = set(s["learners"]) | {s["admin"]}
c.Authenticator.admin_users = {s["admin"]}

# Single-user servers run as the hub's own user, each in its own folder:
# no system accounts to create (see docs/classroom.md for the trade-off).
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(s["usersDir"], "{username}")
c.Spawner.notebook_dir = os.path.join(s["usersDir"], "{username}")
c.Spawner.default_url = "/tree"
c.Spawner.environment = dict(s["env"])
c.Spawner.args = list(s["serverArgs"])
# A loaded 2-core machine needs longer than the 60 s default to start 30 servers.
c.Spawner.start_timeout = s["startTimeout"]
c.Spawner.http_timeout = s["startTimeout"]

# The teacher's tools (tests, benchmark) talk to the REST API with this token.
c.JupyterHub.services = [{"name": "course-teacher", "api_token": s["apiToken"]}]
c.JupyterHub.load_roles = [
    {
        "name": "course-teacher",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"],
        "services": ["course-teacher"],
    }
]

# Stop every learner's server and the proxy when the hub stops.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True


def copy_notebooks(spawner):
    """Gives a learner the course notebooks they do not have yet; never overwrites one."""
    home = spawner.home_dir
    os.makedirs(home, exist_ok=True)
    for name in sorted(os.listdir(s["notebooksDir"])):
        if not name.endswith(".ipynb"):
            continue
        target = os.path.join(home, name)
        if not os.path.exists(target):
            shutil.copyfile(os.path.join(s["notebooksDir"], name), target)


c.Spawner.pre_spawn_hook = copy_notebooks
