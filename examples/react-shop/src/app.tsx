import { XiaoerChat } from '@xiaoer/widget/react';
import { useState } from 'react';

/** The edge that serves the chat API; set VITE_XIAOER_ENDPOINT at build time. */
const endpoint = import.meta.env.VITE_XIAOER_ENDPOINT ?? 'http://localhost:8787';

const products = [
  { sku: 'CUP-350-BL', name: '栗子随行保温杯 350ml 雾霾蓝', price: 89 },
  { sku: 'CUP-500-BL', name: '栗子随行保温杯 500ml 雾霾蓝', price: 109 },
];

export function App() {
  const [messages, setMessages] = useState(0);
  return (
    <>
      <header className="top">
        <strong>栗子小铺</strong>
        <span>React 版 · 客服消息 {messages}</span>
      </header>
      <main>
        {products.map((p) => (
          <article key={p.sku}>
            <div className="pic" />
            <h2>{p.name}</h2>
            <p className="price">¥{p.price}</p>
          </article>
        ))}
      </main>
      <XiaoerChat
        endpoint={endpoint}
        shop="lizi-react"
        title="栗子小铺客服"
        suggestions={['几点之前付款当天能发货?', '怎么申请退货?']}
        onMessage={() => setMessages((n) => n + 1)}
      />
    </>
  );
}
