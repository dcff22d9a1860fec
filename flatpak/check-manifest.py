#!/usr/bin/env python3
"""Offline checks of the Flatpak manifest: flatpak-builder cannot run here (its runtime
cannot be downloaded), so this catches what would break it before it is tried.
Usage: check-manifest.py vn.parscore.Parscore.json"""
import json
import sys

REQUIRED_FINISH_ARGS = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'}
FORBIDDEN_FINISH_ARGS = {'--filesystem=host', '--filesystem=home', '--share=network',
                         '--socket=session-bus', '--socket=system-bus'}


def fail(message):
    print('not ok:', message)
    sys.exit(1)


def main(path):
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail('%s is not valid JSON: %s' % (path, e))

    if manifest.get('id') != 'vn.parscore.Parscore':
        fail('id must be vn.parscore.Parscore, not %r' % manifest.get('id'))
    for key in ('runtime', 'runtime-version', 'sdk', 'command', 'modules', 'finish-args'):
        if key not in manifest:
            fail('the manifest has no %r' % key)
    if manifest['runtime'] != 'org.gnome.Platform' or manifest['sdk'] != 'org.gnome.Sdk':
        fail('the app needs the GNOME runtime and SDK')
    # GNOME 43 ships GTK 4.8 and libadwaita 1.2, what the app is written against.
    if int(manifest['runtime-version']) < 43:
        fail('runtime-version must be 43 or newer (GTK 4.8, libadwaita 1.2)')
    if manifest['command'] != 'parscore':
        fail('command must be parscore')

    args = manifest['finish-args']
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        fail('finish-args must be a list of strings')
    missing = REQUIRED_FINISH_ARGS - set(args)
    if missing:
        fail('finish-args lack %s' % ', '.join(sorted(missing)))
    forbidden = FORBIDDEN_FINISH_ARGS & set(args)
    if forbidden:
        fail('finish-args grant too much: %s' % ', '.join(sorted(forbidden)))

    modules = manifest['modules']
    names = []
    for module in modules:
        if not isinstance(module, dict) or 'name' not in module:
            fail('every module needs a name')
        if 'buildsystem' not in module:
            fail('module %s has no buildsystem' % module['name'])
        sources = module.get('sources')
        if not sources:
            fail('module %s has no sources' % module['name'])
        for source in sources:
            kind = source.get('type')
            if kind == 'git' and not (source.get('tag') or source.get('commit')):
                fail('git source of %s is not pinned to a tag or commit' % module['name'])
            if kind == 'archive' and not source.get('sha256'):
                fail('archive source of %s has no sha256' % module['name'])
            if kind not in ('git', 'archive', 'dir', 'file', 'patch'):
                fail('module %s has an unknown source type %r' % (module['name'], kind))
        names.append(module['name'])

    # The libraries the GNOME runtime lacks must be built before the app.
    for dependency in ('qpdf', 'poppler'):
        if dependency not in names:
            fail('module %s is missing' % dependency)
    if names[-1] != 'parscore':
        fail('the last module must be parscore (it links the others)')
    app = modules[-1]
    if app['buildsystem'] != 'meson':
        fail('parscore builds with meson')
    if '-Dui_tests=false' not in app.get('config-opts', []):
        fail('the Flatpak build must not register the UI tests (no display in the builder)')

    print('ok: %s — %d modules, %d finish-args' % (path, len(modules), len(args)))


if __name__ == '__main__':
    main(sys.argv[1])
