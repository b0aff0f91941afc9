# The single-user image for a class on Zero to JupyterHub (deploy/config.yaml):
# Debian's classic Notebook and jupyterhub-singleuser, Deno, the course kernel
# (Deno's kernel behind the course proxy) and the course with its notebooks.
#
# NOT BUILT OR RUN where it was written: that machine has no Docker engine.
# Every step is a command that `deno task hub` runs on the host (see
# docs/classroom.md, "What was tested"), but the image itself is untested.
#
#   docker build -t registry.example.org/course/singleuser:2026-11-30 .
FROM debian:bookworm-slim

ARG DENO_VERSION=2.9.6
ARG NB_USER=jovyan
ARG NB_UID=1000

# jupyterhub brings jupyterhub-singleuser (3.0 in bookworm: use the 2.0.x chart, JupyterHub 3);
# python3-terminado gives learners a terminal for `deno task grade` and `deno task submit`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      jupyter-notebook python3-nbclient jupyter-nbconvert jupyterhub python3-terminado \
      npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# Deno from the npm registry, as the README's quickstart gets it.
RUN npm install -g "deno@${DENO_VERSION}" && deno --version

RUN useradd --create-home --uid "${NB_UID}" --shell /bin/bash "${NB_USER}"

# One cache for every kernel, owned by the learner's user so that Deno can add to it.
ENV DENO_DIR=/opt/deno-cache
COPY . /opt/course
WORKDIR /opt/course
# Deno's npm packages into the cache; the course kernel spec in .course/jupyter (the
# environment it prints is set below); /home/deno.json with the course's import map
# for every notebook under /home/<user>/, and the `grade` and `submit` tasks.
RUN rm -rf .course out screenshots \
 && deno cache lib/mod.ts tools/grade/main.ts tools/class_report/grade_learner.ts \
 && deno run -A tools/hub/server_env.ts \
 && deno run -A tools/hub/learner_config.ts /home \
 && chown -R "${NB_UID}" /opt/deno-cache

# What tools/hub/server_env.ts printed, for every process of the learner's server.
ENV JUPYTER_PATH=/opt/course/.course/jupyter \
    JUPYTERHUB_SINGLEUSER_APP=notebook.notebookapp.NotebookApp

# On every start: copy the course notebooks the learner does not have yet (first
# login: all of them), never over the learner's own; then run the server.
RUN printf '%s\n' \
      '#!/bin/sh' \
      'for nb in /opt/course/notebooks/*.ipynb; do' \
      '  [ -e "$HOME/${nb##*/}" ] || cp "$nb" "$HOME/"' \
      'done' \
      'exec jupyterhub-singleuser "$@"' \
      > /usr/local/bin/course-singleuser \
 && chmod 755 /usr/local/bin/course-singleuser

USER ${NB_USER}
WORKDIR /home/${NB_USER}
CMD ["course-singleuser"]
