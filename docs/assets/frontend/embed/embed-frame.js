// The embed page's side of embedding (overrides/embed.html; the host page's side is embed.js): in a frame, it tells
// the host page how tall the content is, at once and whenever that changes (the result appears, a part of the
// estimator opens), so that the iframe fits it and the host page scrolls, not the frame. With the document title:
// the iframe's accessible name. postMessage to any origin ("*"): the host is any site, and a height and a title are
// no secret; embed.js accepts the message only from this site's origin and from its own iframe.
// embed.css keeps the page exactly as tall as its content, so the height does not follow the frame's. (A browser may
// not lay out a frame of another site while it is out of view: its height is then sent once it scrolls into view.)

const MESSAGE = "jiangbei-calculator:size";

export function startEmbedFrame() {
  if (window.parent === window) return; // opened on its own, not framed
  // Not before the calculator has drawn its form (or said it cannot): the iframe keeps embed.js's first height
  // meanwhile rather than shrinking to the one line under an empty container and growing again.
  const root = document.querySelector("[data-embed]");
  let sent = 0;
  const send = () => {
    if (root && !root.firstElementChild) return;
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage(/** @satisfies {EmbedFrameMessage} */ ({ type: MESSAGE, height, title: document.title }), "*");
  };
  new ResizeObserver(send).observe(document.body);
  send();
}
