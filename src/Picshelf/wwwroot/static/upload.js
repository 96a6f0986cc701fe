// The home page's uploader: it calls the Imgur API of this site as any client does (POST /3/image, then POST /3/album
// when several images went up together), so the page has no upload code of its own on the server. Everything it needs
// comes from the data- attributes of #uploader; no inline script, which the Content-Security-Policy forbids.
(() => {
  'use strict';
  const root = document.getElementById('uploader');
  if (!root) return;
  const config = root.dataset;
  const maxBytes = Number(config.maxBytes);
  const list = document.getElementById('upload-list');
  const zone = document.getElementById('drop-zone');
  const picker = document.getElementById('file-input');
  const albumResult = document.getElementById('album-result');
  let counter = 0;

  const authorization = () => config.accessToken ? 'Bearer ' + config.accessToken : 'Client-ID ' + config.clientId;

  const element = (tag, properties, children) => {
    const node = document.createElement(tag);
    Object.assign(node, properties || {});
    for (const child of children || []) node.append(child);
    return node;
  };

  // The API's own message: Imgur's errors carry it as data.error, a string or an object with a message.
  const messageOf = (xhr) => {
    try {
      const error = JSON.parse(xhr.responseText).data.error;
      return typeof error === 'string' ? error : error.message;
    } catch {
      return 'The upload failed (' + (xhr.status || 'no answer') + ')';
    }
  };

  const send = (path, body, progress) => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Authorization', authorization());
    if (progress) xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress(e.loaded / e.total); });
    xhr.addEventListener('load', () => xhr.status === 200 ? resolve(JSON.parse(xhr.responseText).data) : reject(new Error(messageOf(xhr))));
    xhr.addEventListener('error', () => reject(new Error('The connection failed')));
    xhr.send(body);
  });

  // One read-only field per format, labelled, with a button that copies it.
  const snippets = (links) => element('dl', { className: 'snippets' }, links.flatMap(([label, value]) => {
    const id = 'snippet-' + (++counter);
    const field = element('input', { id, type: 'text', readOnly: true, value });
    const copy = element('button', { type: 'button', className: 'copy', textContent: 'Copy' });
    copy.setAttribute('aria-label', 'Copy ' + label);
    copy.addEventListener('click', async () => {
      await navigator.clipboard.writeText(value);
      copy.textContent = 'Copied';
    });
    return [element('dt', {}, [element('label', { htmlFor: id, textContent: label })]), element('dd', {}, [field, copy])];
  }));

  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

  const deletion = (deletehash) => element('p', { className: 'deletion' }, [
    element('strong', { textContent: 'Deletion link (keep this: it is the only way to delete): ' }),
    element('a', { href: config.site + '/delete/' + deletehash, textContent: config.site + '/delete/' + deletehash }),
  ]);

  const showImage = (item, image) => {
    const page = config.site + '/' + image.id;
    const alt = image.title || image.name || 'Uploaded image';
    item.append(
      element('a', { href: page }, [element('img', { src: image.link, alt, className: 'uploaded' })]),
      snippets([
        ['Direct link', image.link],
        ['Page link', page],
        ['Markdown', '[![' + alt + '](' + image.link + ')](' + page + ')'],
        ['BBCode', '[url=' + page + '][img]' + image.link + '[/img][/url]'],
        ['HTML', '<a href="' + page + '"><img src="' + image.link + '" alt="' + escapeHtml(alt) + '"></a>'],
      ]));
    if (!config.accessToken && image.deletehash) item.append(deletion(image.deletehash));
  };

  // One list item per file: its name, a labelled progress bar and, afterwards, its links or the API's message.
  const entry = (name) => {
    const id = 'progress-' + (++counter);
    const bar = element('progress', { id, max: 1, value: 0 });
    const status = element('p', { className: 'status', textContent: 'Waiting' });
    const item = element('li', {}, [element('label', { htmlFor: id, textContent: name }), bar, status]);
    list.append(item);
    return { item, bar, status };
  };

  const upload = async (body, name, size) => {
    const { item, bar, status } = entry(name);
    if (size > maxBytes) {
      status.textContent = config.tooLarge;
      status.className = 'status error';
      return null;
    }
    status.textContent = 'Uploading';
    try {
      const image = await send('/3/image', body, (done) => { bar.value = done; });
      bar.value = 1;
      status.textContent = 'Uploaded';
      showImage(item, image);
      return image;
    } catch (failure) {
      status.textContent = failure.message;
      status.className = 'status error';
      return null;
    }
  };

  const makeAlbum = async (images) => {
    const form = new FormData();
    // An anonymous album takes its images by their deletehashes, as Imgur clients send them; an account's by id.
    for (const image of images) form.append(config.accessToken ? 'ids[]' : 'deletehashes[]', config.accessToken ? image.id : image.deletehash);
    albumResult.hidden = false;
    albumResult.replaceChildren(element('h2', { textContent: 'Album' }));
    try {
      const album = await send('/3/album', form);
      const page = config.site + '/a/' + album.id;
      albumResult.append(snippets([
        ['Album page link', page],
        ['Album Markdown', '[' + page + '](' + page + ')'],
        ['Album BBCode', '[url=' + page + ']' + page + '[/url]'],
        ['Album HTML', '<a href="' + page + '">' + page + '</a>'],
      ]));
      if (!config.accessToken) albumResult.append(deletion(album.deletehash));
    } catch (failure) {
      albumResult.append(element('p', { className: 'error', textContent: failure.message }));
    }
  };

  // Files go up one after another, so the album keeps the order they were chosen in.
  const uploadFiles = async (files) => {
    if (files.length === 0) return;
    const uploaded = [];
    for (const file of files) {
      const form = new FormData();
      form.append('image', file, file.name);
      const image = await upload(form, file.name, file.size);
      if (image) uploaded.push(image);
    }
    if (files.length > 1 && uploaded.length > 1) await makeAlbum(uploaded);
  };

  picker.addEventListener('change', () => { uploadFiles([...picker.files]); picker.value = ''; });
  zone.addEventListener('click', () => picker.click());
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); picker.click(); }
  });
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (e) => { e.preventDefault(); zone.classList.add('over'); });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    uploadFiles([...e.dataTransfer.files]);
  });
  document.addEventListener('paste', (e) => {
    const files = [...(e.clipboardData?.files || [])];
    if (files.length > 0) { e.preventDefault(); uploadFiles(files); }
  });
  document.getElementById('url-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = document.getElementById('url-input');
    const form = new FormData();
    form.append('image', input.value);
    form.append('type', 'url');
    upload(form, input.value, 0);
    input.value = '';
  });
  // The zone is a button only this script makes work: without it, a reader would find a control that does nothing.
  zone.hidden = false;
  document.getElementById('drop-help').hidden = false;
})();
